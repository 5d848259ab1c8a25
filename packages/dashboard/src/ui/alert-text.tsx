/** An error message announced to screen readers (`role="alert"`), or nothing when there is none. */
export function AlertText({ error }: { error: string | undefined }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}
