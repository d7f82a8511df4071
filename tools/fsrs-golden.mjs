// fsrs-golden: writes the FSRS golden vectors that tests/test_sched.c
// checks src/sched.c against, computed by ts-fsrs, the reference
// implementation. A development tool only: quiz never needs Node to build
// or run. Usage (ts-fsrs installed anywhere, e.g. under /tmp):
//
//   cd /tmp/fsrs && npm install ts-fsrs
//   NODE_PATH=/tmp/fsrs/node_modules node tools/fsrs-golden.mjs \
//       > tests/data/sched/fsrs-golden.txt
//
// Parameters: FSRS-6 defaults, enable_short_term false (whole-day
// intervals), no fuzz, request retention 0.9, maximum interval 36500.
//
// Output: comment lines (#), then one line per review:
//   SEQ UNIX_TIME RATING STABILITY DIFFICULTY DUE_UNIX_TIME INTERVAL_DAYS
// RATING is again, hard, good or easy; a sequence's reviews are in order.
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(path.join(process.cwd(), 'x.js'))
const tsfsrs = require('ts-fsrs')
const { fsrs, generatorParameters, createEmptyCard, Rating } = tsfsrs

const f = fsrs(
  generatorParameters({ enable_short_term: false, enable_fuzz: false })
)
const names = ['again', 'hard', 'good', 'easy']
const ratings = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]

// A small deterministic generator (no Math.random), so that rerunning the
// script writes the same file.
let state = 20261122
function next (n) {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0
  return (state >>> 8) % n
}

const start = Date.UTC(2026, 0, 5, 9, 30, 0)
const sequences = [
  // Hand-picked: every first rating, lapses, same-day repeats, reviews
  // just before and after midnight UTC, long gaps, early reviews.
  [[0, 0], [0, 3], [1, 3], [3, 3], [10, 3], [30, 3]],
  [[0, 1], [1, 1], [3, 2], [9, 2]],
  [[0, 2], [3, 2], [12, 2], [40, 2], [130, 2], [500, 2]],
  [[0, 3], [15, 3], [100, 3], [900, 3], [5000, 3]],
  [[0, 2], [0, 2], [0, 0], [0.9, 2]],
  [[0, 2], [3, 0], [3.1, 1], [4, 2], [20, 0], [21, 2]],
  [[0.6, 2], [0.62, 2], [1.4, 2]],
  [[0, 0], [0, 0], [0, 0], [1, 0], [2, 1]],
  [[0, 3], [2, 0], [2, 2], [200, 0], [201, 3]],
  [[0, 2], [1, 2], [1.2, 2], [1.3, 2], [60, 3]],
]
for (let k = 0; k < 30; k++) {
  const seq = []
  let day = 0
  const n = 3 + next(8)
  for (let i = 0; i < n; i++) {
    seq.push([day, next(4)])
    // Gaps from the same day to about a year, in fractions of a day.
    day += [0, 0.3, 1, 2, 5, 11, 30, 90, 365][next(9)] + next(24) / 24
  }
  sequences.push(seq)
}

console.log('# FSRS golden vectors from ts-fsrs ' +
  tsfsrs.FSRSVersion +
  ' (FSRS-6 defaults, enable_short_term false, no fuzz,')
console.log('# request retention 0.9, maximum interval 36500),' +
  ' written by tools/fsrs-golden.mjs.')
console.log('# seq time rating stability difficulty due interval')
sequences.forEach((seq, s) => {
  let card = createEmptyCard(new Date(start))
  for (const [day, r] of seq) {
    const when = new Date(start + Math.round(day * 86400) * 1000)
    const { card: next } = f.next(card, when, ratings[r])
    card = next
    console.log([s + 1, when.getTime() / 1000, names[r],
      card.stability.toFixed(10), card.difficulty.toFixed(10),
      card.due.getTime() / 1000, card.scheduled_days].join(' '))
  }
})
