'use client';
import { useState, type FormEvent } from 'react';
import { loadSharedStore } from './use-shared-store';

/**
 * Shown on every page of a request carrying `sf_preview`. Without JavaScript the form posts to the layout's
 * `/preview/leave` (CSRF form field; back to the page by its Referer); with it, one click calls `DELETE /api/products/preview-token` with the CSRF
 * header and reloads the page.
 */
export function PreviewBanner({ csrfToken }: { csrfToken: string }) {
  const [leaving, setLeaving] = useState(false);

  async function leave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setLeaving(true);
    try {
      const store = await loadSharedStore();
      const response = await fetch('/api/products/preview-token', {
        method: 'DELETE',
        credentials: 'same-origin',
        headers: { ...store.csrfHeaders() },
      });
      if (!response.ok) throw new Error(`leaving preview answered ${response.status}`);
      window.location.reload();
    } catch (error) {
      console.warn('leaving preview through the API failed; using the form', error);
      form.submit();
      setLeaving(false);
    }
  }

  return (
    <div className="sf-preview" role="status" data-testid="preview-banner">
      <strong>Preview</strong> — you are seeing drafts as they will look once published.
      <form method="post" action="/preview/leave" onSubmit={leave} data-testid="leave-preview-form">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <button type="submit" disabled={leaving} data-testid="leave-preview">
          Leave preview
        </button>
      </form>
    </div>
  );
}
