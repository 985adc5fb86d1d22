/**
 * The pane's group picker (DOMAIN.md §14): one checkbox per column offered as a group
 * (pane/group-candidates.ts). What is ticked becomes the settings' groupBy.
 */
import { el, uid } from './dom.js';

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
      text: candidates.length
        ? 'Profitability per value of a column, e.g. per region or sales rep: adds a Groups sheet. Each customer counts where most of its revenue is.'
        : 'No column with a few distinct values (such as Region, Channel or Sales Rep) was found.',
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
