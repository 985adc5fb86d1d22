/**
 * Property tests explore new random cases on every developer run; on CI (CI=true) they replay a
 * fixed seed so a landing never depends on luck. FC_SEED=… reproduces any run.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED
  ? Number(process.env.FC_SEED)
  : process.env.CI
    ? 20261123
    : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
