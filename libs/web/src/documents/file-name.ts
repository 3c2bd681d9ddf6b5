/** A file name's stem from words: lower-case letters and digits, every other run as one hyphen, none at either end. */
export const fileStem = (words: string): string =>
  words
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
