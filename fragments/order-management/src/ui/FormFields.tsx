/**
 * The hidden fields every no-JS form to a service carries: the page's CSRF token, the method a form cannot
 * spell (`_method`, for PUT and DELETE) and the page to come back to (`_redirect`).
 */
export function FormFields(props: { csrfToken: string; method?: 'PUT' | 'DELETE'; redirect?: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {props.method ? <input type="hidden" name="_method" value={props.method} /> : null}
      {props.redirect ? <input type="hidden" name="_redirect" value={props.redirect} /> : null}
    </>
  );
}
