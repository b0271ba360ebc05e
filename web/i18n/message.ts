/** A plural message: the form `Intl.PluralRules` selects for `count`; Russian uses one/few/many, English one/other. */
export interface PluralMessage {
  one: string
  few?: string
  many?: string
  other: string
}

export type Message = string | PluralMessage

/** `{a} of {b}` → 'a' | 'b'. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never

/** The parameter names a message needs; a plural needs `count` and whatever its forms mention. */
export type ParamNames<M> = M extends string ? Placeholders<M> : M extends PluralMessage ? 'count' | Placeholders<M['other']> : never

export type Params<M> = [ParamNames<M>] extends [never] ? [] : [params: Record<ParamNames<M>, string | number>]
