// Files the build inlines as text (`import x from './f.csv' with { type: 'text' }`: esbuild).
declare module '*.csv' {
  const text: string;
  export default text;
}
