/** What Scenario's swagger says about one request field: a validator can check all of it. */
export interface FieldContract {
  type: 'string' | 'number' | 'boolean' | 'array' | 'object';
  enum?: readonly string[];
  min?: number;
  max?: number;
  default?: string | number | boolean;
  multipleOf?: number;
  /** A string field that carries a number (`seed`): a JSON number or a string of digits. */
  numeric?: boolean;
  deprecated?: boolean;
  /** The element of an array field. */
  items?: FieldContract;
  /** The fields of an object field. */
  properties?: Readonly<Record<string, FieldContract>>;
  required?: readonly string[];
}

/** One operation of the swagger: its path, query parameters, body fields and required body fields. */
export interface OperationContract {
  method: string;
  /** With `{param}` placeholders, as the swagger writes it. */
  path: string;
  query: Readonly<Record<string, FieldContract>>;
  body: Readonly<Record<string, FieldContract>>;
  required: readonly string[];
}
