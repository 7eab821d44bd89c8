/**
 * Quotes a value for a POSIX shell: wrapped in single quotes, inside which the shell expands nothing; a
 * single quote in the value becomes '\'' (close, escaped quote, reopen). Used for every value that reaches
 * a generated command line, on top of the format checks that reject shell metacharacters in the first place.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}
