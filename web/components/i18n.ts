import { createContext, useContext } from 'hono/jsx'
import { type I18n, createI18n } from '../i18n/index.js'

/** The page's language, provided once by the renderer so components do not pass it down by hand. */
export const I18nContext = createContext<I18n>(createI18n('ru'))

export function useI18n(): I18n {
  return useContext(I18nContext)
}
