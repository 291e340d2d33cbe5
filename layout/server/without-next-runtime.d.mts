import type { ServerResponse } from 'node:http';

/** `html` (a whole document) without the scripts Next.js adds to it and the preloads of those scripts. */
export function withoutNextRuntime(html: string): string;

/** Makes `response` send an HTML body without Next's runtime; any other body passes through untouched. */
export function sendPagesWithoutNextRuntime(response: ServerResponse): void;
