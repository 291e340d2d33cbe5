import type { ProductStatus } from '@storefront/contracts';

/**
 * Who is looking decides what they see: visitors the published catalog only; editors and holders of a preview
 * token drafts as well (archived products are withdrawn from the storefront for everyone).
 */
export type Audience = 'public' | 'preview';

export const visibleStatuses = (audience: Audience): readonly ProductStatus[] =>
  audience === 'public' ? ['published'] : ['draft', 'published'];

export const allStatuses: readonly ProductStatus[] = ['draft', 'published', 'archived'];
