/** Injection token of the report tables' database. */
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
