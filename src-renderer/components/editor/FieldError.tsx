type Props = { id: string; field: string; messages: readonly string[] | undefined };

/** An error shown beside its field; the field points at it with aria-describedby. */
export function FieldError({ id, field, messages }: Props) {
  if (!messages || messages.length === 0) return null;
  return (
    <p id={id} className="field-error" data-testid={`field-error-${field}`}>
      {messages.join(' · ')}
    </p>
  );
}

export function errorIdFor(base: string, field: string, messages: readonly string[] | undefined) {
  return messages && messages.length > 0 ? `${base}-${field}-error` : undefined;
}
