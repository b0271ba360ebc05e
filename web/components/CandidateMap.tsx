import type { Child } from 'hono/jsx'
import type { LatLon } from '../../src/geo/index.js'
import type { I18n } from '../i18n/index.js'
import type { CandidatePoint } from '../map/places.js'
import { SKETCH_RADIUS, sketch } from '../map/sketch.js'
import { useI18n } from './i18n.js'

const VIEW = SKETCH_RADIUS + 12
const round = (value: number) => Math.round(value * 10) / 10

function DeliveryMark() {
  return <path d="M0 -5 L5 0 L0 5 L-5 0 Z" />
}

function MatchMark() {
  return <circle r="3.2" />
}

function NearMissMark() {
  return <path d="M0 -3.8 L3.4 2.2 L-3.4 2.2 Z" />
}

function pointTitle(point: CandidatePoint, { t, fmt }: I18n): string {
  const parts = [point.rank === null ? point.name : `${point.rank}. ${point.name}`]
  parts.push(point.kind === 'match' ? t('map.match') : t('map.nearMiss'))
  if (point.distanceKm !== null) parts.push(fmt.km(point.distanceKm))
  parts.push(`${t('map.score')}: ${t('unit.score', { value: fmt.points(point.score) })}`)
  return parts.join(' · ')
}

function Legend() {
  const { t } = useI18n()
  const icon = (kind: string, mark: Child) => (
    <svg class={`legend__icon sketch__point--${kind}`} viewBox="-6 -6 12 12" aria-hidden="true" focusable="false">
      {mark}
    </svg>
  )
  return (
    <ul class="legend">
      <li>
        {icon('delivery', <DeliveryMark />)} {t('map.delivery')}
      </li>
      <li>
        {icon('match', <MatchMark />)} {t('map.match')}
      </li>
      <li>
        {icon('miss', <NearMissMark />)} {t('map.nearMiss')}
      </li>
      <li>
        <svg class="legend__icon" viewBox="-6 -6 12 12" aria-hidden="true" focusable="false">
          <circle class="sketch__ring" r="5" />
        </svg>{' '}
        {t('map.ring')}
      </li>
    </ul>
  )
}

function CandidateTable({ points }: { points: CandidatePoint[] }) {
  const { t, fmt } = useI18n()
  const byDistance = [...points].sort((a, b) => (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY))
  return (
    <div class="table-scroll" role="region" aria-labelledby="map-table-caption" tabindex={0}>
      <table>
        <caption id="map-table-caption">{t('map.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('map.name')}</th>
            <th scope="col" class="numeric">
              {t('map.distance')}
            </th>
            <th scope="col" class="numeric">
              {t('map.scoreColumn')}
            </th>
          </tr>
        </thead>
        <tbody>
          {byDistance.map((point) => (
            <tr>
              <th scope="row">
                <a href={`/organizations/${point.orgId}`}>{point.rank === null ? point.name : `${point.rank}. ${point.name}`}</a>
                <span class="table-note">{point.kind === 'match' ? t('map.match') : t('map.nearMiss')}</span>
              </th>
              <td class="numeric">{point.distanceKm === null ? '—' : fmt.km(point.distanceKm)}</td>
              <td class="numeric">{fmt.points(point.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export interface CandidateMapProps {
  delivery: LatLon
  deliveryName: string
  maxDistanceKm: number | null
  points: CandidatePoint[]
  unplaced: string[]
}

/**
 * Where the candidates are around the delivery site: an inline SVG drawn from coordinates alone (no
 * tiles, works offline), with a <title> tooltip on each point; the table below says the same in text.
 */
export function CandidateMap({ delivery, deliveryName, maxDistanceKm, points, unplaced }: CandidateMapProps) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const drawing = sketch(delivery, points, maxDistanceKm)
  const order = (kind: CandidatePoint['kind']) => drawing.placed.filter(({ candidate }) => candidate.kind === kind)
  return (
    <section class="panel" aria-labelledby="map-heading">
      <h2 id="map-heading">{t('map.title')}</h2>
      <figure class="sketch">
        <svg class="sketch__svg" viewBox={`${-VIEW} ${-VIEW} ${VIEW * 2} ${VIEW * 2}`} role="img" aria-labelledby="map-svg-title map-svg-desc">
          <title id="map-svg-title">{t('map.title')}</title>
          <desc id="map-svg-desc">{t('map.description')}</desc>
          {drawing.rings.map((ring) => (
            <g class={ring.limit ? 'sketch__ring-group sketch__ring-group--limit' : 'sketch__ring-group'}>
              <circle class={ring.limit ? 'sketch__ring sketch__ring--limit' : 'sketch__ring'} r={round(ring.r)} />
              <text class="sketch__ring-label" x="0" y={round(-ring.r - 1.5)} text-anchor="middle">
                {ring.limit ? t('map.maxDistance', { distance: fmt.km(ring.roadKm) }) : fmt.km(ring.roadKm)}
              </text>
            </g>
          ))}
          <g class="sketch__north" aria-hidden="true" transform={`translate(${-VIEW + 10} ${-VIEW + 12})`}>
            <path d="M0 -8 L3 0 L-3 0 Z" />
            <text x="0" y="8" text-anchor="middle">
              {t('map.north')}
            </text>
          </g>
          {order('nearMiss').map(({ candidate, x, y }) => (
            <g class="sketch__point sketch__point--miss" transform={`translate(${round(x)} ${round(y)})`}>
              <title>{pointTitle(candidate, i18n)}</title>
              <NearMissMark />
            </g>
          ))}
          {order('match').map(({ candidate, x, y }) => (
            <g class="sketch__point sketch__point--match" transform={`translate(${round(x)} ${round(y)})`}>
              <title>{pointTitle(candidate, i18n)}</title>
              <MatchMark />
              <text class="sketch__rank" x="4.5" y="-3">
                {String(candidate.rank)}
              </text>
            </g>
          ))}
          <g class="sketch__point sketch__point--delivery">
            <title>{`${t('map.delivery')}: ${deliveryName}`}</title>
            <DeliveryMark />
          </g>
        </svg>
        <figcaption>
          <p>{t('map.description')}</p>
          <Legend />
        </figcaption>
      </figure>
      {points.length === 0 ? <p class="empty">{t('map.empty')}</p> : <CandidateTable points={points} />}
      {unplaced.length > 0 && <p class="muted">{t('map.unplaced', { names: unplaced.join(', ') })}</p>}
    </section>
  )
}
