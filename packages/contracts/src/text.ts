import { z } from 'zod';

/*
 * Text people type. PostgreSQL refuses a NUL byte in text and jsonb outright (the write would fail as a 500), and a
 * line break in a name or a label would carry on into an email's header or a one-line view; so control characters
 * are refused at the edge with the field named, wherever the text is stored.
 */

// eslint-disable-next-line no-control-regex
const withoutControlCharacters = /^[^\u0000-\u001f\u007f]*$/;
// eslint-disable-next-line no-control-regex
const withoutControlCharactersButLineBreaks = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

/** One line (a name, a label, a search): trimmed, no control characters. */
export const lineOfText = (maxLength: number) =>
  z.string().trim().max(maxLength).regex(withoutControlCharacters, 'must not contain control characters');

/** Paragraphs (a description): trimmed; line breaks and tabs, no other control characters. */
export const paragraphsOfText = (maxLength: number) =>
  z
    .string()
    .trim()
    .max(maxLength)
    .regex(
      withoutControlCharactersButLineBreaks,
      'must not contain control characters other than line breaks',
    );
