/**
 * The pane's group picker (DOMAIN.md §14): one checkbox per column offered as a group
 * (pane/group-candidates.ts). What is ticked becomes the settings' groupBy.
 */
import { el, uid } from './dom.js';
import { t } from './strings/language.js';

export interface GroupsForm {
  element: HTMLElement;
  read(): string[];
}

export function groupsForm(candidates: string[]): GroupsForm {
  const boxes = candidates.map((header) => {
    const box = el('input', { type: 'checkbox', 'data-group': header });
    box.id = uid('g');
    return { header, box };
  });
  const element = el(
    'div',
    {},
    el('p', {
      class: 'hint',
      text: candidates.length ? t('groups.hint') : t('groups.none'),
    }),
    ...boxes.map(({ header, box }) =>
      el('div', { class: 'field check' }, box, el('label', { for: box.id, text: header })),
    ),
  );
  return {
    element,
    read: () => boxes.filter((b) => b.box.checked).map((b) => b.header),
  };
}
