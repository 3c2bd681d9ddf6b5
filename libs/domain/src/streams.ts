/**
 * The stream names of one kind of aggregate, `<category>-<id>` (`action-a1`): the one place a
 * stream name is spelled or taken apart.
 */
export interface StreamNames {
  readonly category: string;
  /** The stream of the aggregate with this id. */
  readonly stream: (id: string) => string;
  /** Whether the stream belongs to this kind of aggregate. */
  readonly owns: (stream: string) => boolean;
  /** The aggregate's id, from one of its streams. */
  readonly idOf: (stream: string) => string;
}

export function streamNames(category: string): StreamNames {
  const prefix = `${category}-`;
  return {
    category,
    stream: (id) => `${prefix}${id}`,
    owns: (stream) => stream.startsWith(prefix),
    idOf: (stream) => {
      if (!stream.startsWith(prefix)) throw new Error(`${stream} is not a stream named ${prefix}<id>`);
      return stream.slice(prefix.length);
    },
  };
}
