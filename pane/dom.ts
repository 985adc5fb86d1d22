/**
 * The pane's one way to build DOM. Text goes in through textContent only — never innerHTML — so a
 * customer named `<img src=x onerror=…>` is shown as those characters and nothing runs.
 */
type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children)
    if (c !== null && c !== undefined && c !== false)
      parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
}

/** Replaces the children of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

let ids = 0;
/** A unique id, to tie a <label> to its control. */
export const uid = (prefix: string) => `${prefix}-${++ids}`;
