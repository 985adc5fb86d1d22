/**
 * JSZip, loaded on first use: importing it is a large share of the CLI's start-up, and a run that
 * reads CSV and prints the summary never opens a zip. Types come from `import type`.
 */
import type JSZip from 'jszip';

export async function jsZip(): Promise<typeof JSZip> {
  return (await import('jszip')).default;
}
