import type { SessionState } from '@storefront/store';

export function sessionSlice(html: string): SessionState {
  const match = /<script type="application\/json" data-store-slice="session">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('no session slice in the HTML');
  return JSON.parse(match[1]!) as SessionState;
}

/** The text a visitor reads: tags dropped, entities decoded (enough for assertions on rendered text). */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
