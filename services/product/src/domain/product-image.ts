import { createHash } from 'node:crypto';

export interface ImageSubject {
  slug: string;
  name: string;
  category: string;
}

const categoryHues: Record<string, number> = {
  kitchen: 18,
  home: 38,
  outdoors: 140,
  office: 215,
  audio: 265,
  apparel: 330,
};

const xmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Names come from editors: everything placed in the SVG goes through here, or a name could inject markup. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => xmlEntities[char]!);
}

function hashByte(text: string, index: number): number {
  return createHash('sha256').update(text).digest()[index]!;
}

/** Breaks a name into at most `maxLines` lines of about `width` characters, on word boundaries. */
function wrap(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, width - 1)}…`;
  return kept;
}

/**
 * A 4:3 placeholder: the category picks the colour family (so a category looks alike at a glance) and the slug
 * nudges hue and pattern (so neighbours on a page still differ). Same input, same bytes, so ETags stay stable.
 */
export function renderProductImage(subject: ImageSubject): string {
  const baseHue = categoryHues[subject.category] ?? (hashByte(subject.category, 0) * 360) / 256;
  const hue = Math.round(baseHue + (hashByte(subject.slug, 1) % 24) - 12);
  const background = `hsl(${hue} 55% 88%)`;
  const shape = `hsl(${hue} 45% 70%)`;
  const ink = `hsl(${hue} 50% 22%)`;
  const radius = 90 + (hashByte(subject.slug, 2) % 70);
  const cx = 420 + (hashByte(subject.slug, 3) % 160);
  const lines = wrap(subject.name, 20, 2);
  const firstBaseline = lines.length === 1 ? 262 : 236;
  const text = lines
    .map((line, i) => `<tspan x="320" y="${firstBaseline + i * 52}">${escapeXml(line)}</tspan>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480" viewBox="0 0 640 480" role="img" aria-label="${escapeXml(subject.name)}">`,
    `<rect width="640" height="480" fill="${background}"/>`,
    `<circle cx="${cx}" cy="120" r="${radius}" fill="${shape}" opacity="0.6"/>`,
    `<rect x="40" y="330" width="220" height="110" rx="24" fill="${shape}" opacity="0.45"/>`,
    `<text text-anchor="middle" font-family="system-ui, sans-serif" font-size="44" font-weight="600" fill="${ink}">${text}</text>`,
    `<text x="320" y="420" text-anchor="middle" font-family="system-ui, sans-serif" font-size="22" letter-spacing="4" fill="${ink}" opacity="0.7">${escapeXml(subject.category.toUpperCase())}</text>`,
    '</svg>',
  ].join('');
}
