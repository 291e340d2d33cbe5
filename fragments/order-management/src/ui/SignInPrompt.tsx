/** The signed-out visitor's way on: a sentence saying why, and the sign-in page. */
export function SignInPrompt(props: { text: string }) {
  return (
    <p class="sign-in-prompt" data-testid="sign-in-prompt">
      {props.text} <a href="/signin">Sign in</a>
    </p>
  );
}
