/** Lines for an 80-column terminal: the summary and the help are wrapped at spaces to fit it. */

/** The narrowest common terminal: every printed line fits it (issue 15). */
export const WIDTH = 80;

/**
 * A line broken at spaces into lines of at most `width` characters. Continuation lines are
 * indented `hang` more than the line (4: a wrapped sentence reads as one; a help entry hangs under
 * its text), unless that leaves them under 20 characters. A word longer than a line (a long path) is
 * cut. wrap('aaa bbb ccc', 7) → ['aaa bbb', 'ccc'] (too narrow to hang).
 */
export function wrap(line: string, width = WIDTH, hang = 4): string[] {
  if (line.length <= width) return [line];
  const indent = /^ */.exec(line)![0],
    more = width - indent.length - hang >= 20 ? indent + ' '.repeat(hang) : indent,
    room = (lead: string) => Math.max(1, width - lead.length),
    lines: string[] = [];
  let lead = indent,
    current = '';
  for (let word of line.slice(indent.length).split(' ')) {
    if (current && current.length + 1 + word.length > room(lead)) {
      lines.push(lead + current);
      [lead, current] = [more, ''];
    }
    while (!current && word.length > room(lead)) {
      lines.push(lead + word.slice(0, room(lead)));
      [word, lead] = [word.slice(room(lead)), more];
    }
    current = current ? `${current} ${word}` : word;
  }
  lines.push(lead + current);
  return lines;
}
