/**
 * A problem with one field of the pane's form, shown next to that field: its words (in the units
 * the user typed), the field marked aria-invalid and described by them, and any folded section
 * around it opened, so the focus the pane moves there lands on something visible.
 */
import { el, uid } from './dom.js';

export interface FieldProblem {
  control: HTMLElement;
  /** The field's name in words, for the line near Run ("Check the marked field: Orders: rate"). */
  label: string;
  message: string;
}

/** Clears the marks of the last check under `root`, then marks each of `problems`. */
export function markProblems(root: HTMLElement, problems: FieldProblem[]): void {
  for (const old of Array.from(root.querySelectorAll('.field-error'))) old.remove();
  for (const control of Array.from(root.querySelectorAll('[aria-invalid="true"]'))) {
    control.removeAttribute('aria-invalid');
    const described = (control.getAttribute('data-described') ?? '').trim();
    if (described) control.setAttribute('aria-describedby', described);
    else control.removeAttribute('aria-describedby');
    control.removeAttribute('data-described');
  }
  for (const p of problems) {
    const note = el('small', { class: 'field-error', id: uid('problem'), text: p.message });
    const described = p.control.getAttribute('aria-describedby') ?? '';
    p.control.setAttribute('data-described', described);
    p.control.setAttribute('aria-describedby', `${described} ${note.id}`.trim());
    p.control.setAttribute('aria-invalid', 'true');
    const box = p.control.closest('.field, .driver') ?? p.control.parentElement!;
    box.append(note);
    for (let d = p.control.closest('details'); d; d = d.parentElement?.closest('details') ?? null)
      d.open = true;
  }
}
