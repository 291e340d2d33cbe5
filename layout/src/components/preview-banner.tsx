/**
 * Shown on every page of a request carrying `sf_preview`. The form posts to the layout's `/preview/leave` (CSRF form
 * field), which ends the preview and sends the editor back to the page by its Referer: the same with or without
 * JavaScript, so the shell needs no script for it.
 */
export function PreviewBanner({ csrfToken }: { csrfToken: string }) {
  return (
    <div className="sf-preview" role="status" data-testid="preview-banner">
      <strong>Preview</strong> — you are seeing drafts as they will look once published.
      <form method="post" action="/preview/leave" data-testid="leave-preview-form">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <button type="submit" data-testid="leave-preview">
          Leave preview
        </button>
      </form>
    </div>
  );
}
