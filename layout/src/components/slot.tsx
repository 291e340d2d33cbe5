import { headers } from 'next/headers';
import { compositionMode, fetchFragment, visitorRequest } from '../lib/composition';
import type { PodletName } from '../lib/podlet-registry';
import { ssiInclude } from '../lib/ssi';

interface SlotProps {
  name: PodletName;
  /** The path inside the fragment (with its query). */
  path: string;
  /** The page's path without its query (podium-mount-pathname). */
  pagePath: string;
}

/**
 * A fragment's place in the page. Its only content is the SSI directive nginx replaces with the podlet's HTML (or,
 * with COMPOSITION=podium, the fragment the layout fetched itself). React renders it once on the server and never
 * touches what is inside: dangerouslySetInnerHTML is not hydrated.
 */
export async function Slot({ name, path, pagePath }: SlotProps) {
  const html =
    compositionMode() === 'podium'
      ? await fetchFragment(name, path, visitorRequest(await headers(), pagePath))
      : ssiInclude(name, path);
  return <div data-slot={name} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: html }} />;
}
