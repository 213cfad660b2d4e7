/**
 * A tagged template that keeps SQL text and bound values apart, so no value is ever spliced into
 * the text. Fragments nest: `sql`a = ${x} AND ${otherFragment}``. Identifiers cannot be bound, so
 * `sqlRaw` exists for the few places that pick a column from a fixed whitelist.
 */
export type SqlValue = string | number | bigint | Buffer | null;

export type Sql = { readonly text: string; readonly values: readonly SqlValue[] };

const SQL = Symbol('sql');
type Fragment = Sql & { readonly [SQL]: true };

function fragment(text: string, values: readonly SqlValue[]): Fragment {
  return { text, values, [SQL]: true };
}

function isFragment(value: unknown): value is Fragment {
  return typeof value === 'object' && value !== null && SQL in value;
}

export function sql(strings: TemplateStringsArray, ...parts: readonly (SqlValue | Sql)[]): Sql {
  let text = strings[0] ?? '';
  const values: SqlValue[] = [];
  parts.forEach((part, index) => {
    if (isFragment(part)) {
      text += part.text;
      values.push(...part.values);
    } else {
      text += '?';
      values.push(part as SqlValue);
    }
    text += strings[index + 1] ?? '';
  });
  return fragment(text, values);
}

/** Joins fragments with a separator (`, `, ` AND `...). */
export function sqlJoin(parts: readonly Sql[], separator: string): Sql {
  return fragment(
    parts.map((p) => p.text).join(separator),
    parts.flatMap((p) => p.values),
  );
}

/** Raw SQL text. Only for identifiers chosen from a fixed whitelist, never for user input. */
export function sqlRaw(text: string): Sql {
  return fragment(text, []);
}

export const sqlEmpty: Sql = fragment('', []);
