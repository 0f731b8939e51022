//! The progress samples of one job's drives, packed into one buffer.
//!
//! A subscription of 100,000 jobs has ~20,000 with copying drives, each keeping up to
//! [`super::entry::MAX_IDLE_SAMPLES`] samples. Kept as a vector of samples that each own a
//! vector of bytes, that cost ~90 bytes and one allocation a sample (~30 MB once every
//! moving job had its samples). Packed as words in one vector per job, a sample of two or
//! three drives costs ~36 bytes and no allocation of its own.

use std::fmt;

use jiff::Timestamp;

/// Bit of a sample's second word: a mask of the drives that reported bytes follows the
/// bytes (only samples with a drive that did not report carry one).
const HAS_MASK: u64 = 1 << 63;
/// Bits of a sample's second word that hold its drive count (above its nanoseconds).
const COUNT_SHIFT: u32 = 32;
const COUNT_MAX: u64 = (1 << 31) - 1;

/// A job's drive progress over time, oldest first.
///
/// Each sample is laid out as words: the time's seconds; its nanoseconds (low 32 bits), the
/// drive count and a bit saying whether a mask follows; the bytes of each drive (0 for a
/// drive that did not report); when some drive did not report, one bit a drive saying which
/// did. The layout is canonical, so equal samples are equal words.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Progress {
    words: Vec<u64>,
    len: usize,
}

/// One sample, borrowed from a [`Progress`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ProgressSample<'a> {
    /// When observed.
    pub at: Timestamp,
    /// The drives' bytes, in the job's drive order.
    bytes: &'a [u64],
    /// Which drives reported bytes (one bit each), when some did not.
    mask: Option<&'a [u64]>,
}

impl ProgressSample<'_> {
    /// How many drives the sample has (reported or not).
    #[must_use]
    pub fn drive_count(&self) -> usize {
        self.bytes.len()
    }

    /// The bytes drive `index` had copied; `None` when it did not report or has no such
    /// drive.
    #[must_use]
    pub fn drive_bytes(&self, index: usize) -> Option<i64> {
        let word = *self.bytes.get(index)?;
        if let Some(mask) = self.mask
            && mask[index / 64] & (1 << (index % 64)) == 0
        {
            return None;
        }
        Some(word.cast_signed())
    }

    /// Every drive's bytes, in the job's drive order.
    pub fn all_drive_bytes(&self) -> impl Iterator<Item = Option<i64>> + '_ {
        (0..self.drive_count()).map(|i| self.drive_bytes(i))
    }

    /// The words the sample takes in its [`Progress`].
    fn word_count(&self) -> usize {
        2 + self.bytes.len() + self.mask.map_or(0, <[u64]>::len)
    }
}

impl fmt::Debug for ProgressSample<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProgressSample")
            .field("at", &self.at)
            .field("drive_bytes", &self.all_drive_bytes().collect::<Vec<_>>())
            .finish()
    }
}

impl Progress {
    /// How many samples there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The samples, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = ProgressSample<'_>> + Clone + '_ {
        self.placed().map(|(_, sample)| sample)
    }

    /// The samples, oldest first, each with the index of its first word.
    fn placed(&self) -> impl Iterator<Item = (usize, ProgressSample<'_>)> + Clone + '_ {
        let mut offset = 0;
        std::iter::from_fn(move || {
            let (sample, used) = decode(&self.words[offset..])?;
            let start = offset;
            offset += used;
            Some((start, sample))
        })
    }

    /// The oldest sample.
    #[must_use]
    pub fn first(&self) -> Option<ProgressSample<'_>> {
        self.iter().next()
    }

    /// The newest sample.
    #[must_use]
    pub fn last(&self) -> Option<ProgressSample<'_>> {
        self.iter().last()
    }

    /// The newest `n` samples (all of them when there are fewer), oldest first.
    #[must_use]
    pub fn last_n(&self, n: usize) -> Vec<ProgressSample<'_>> {
        self.iter().skip(self.len.saturating_sub(n)).collect()
    }

    /// Adds a sample after the others.
    pub fn push(&mut self, at: Timestamp, drive_bytes: &[Option<i64>]) {
        let count = drive_bytes.len();
        let reported_all = drive_bytes.iter().all(Option::is_some);
        let mask_words = if reported_all { 0 } else { count.div_ceil(64) };
        let needed = 2 + count + mask_words;
        if self.words.capacity() - self.words.len() < needed {
            // A quarter more than needed: the buffer grows in O(1) amortized steps, with
            // less slack than doubling (most jobs keep a few samples forever).
            self.words.reserve_exact(needed + self.words.len() / 4);
        }
        let nanos = u64::from(at.subsec_nanosecond().cast_unsigned());
        let count_bits = u64::try_from(count).map_or(COUNT_MAX, |c| c.min(COUNT_MAX));
        let mask_bit = if reported_all { 0 } else { HAS_MASK };
        self.words.push(at.as_second().cast_unsigned());
        self.words
            .push(nanos | (count_bits << COUNT_SHIFT) | mask_bit);
        self.words
            .extend(drive_bytes.iter().map(|b| b.unwrap_or(0).cast_unsigned()));
        if !reported_all {
            let start = self.words.len();
            self.words.resize(start + mask_words, 0);
            for (i, bytes) in drive_bytes.iter().enumerate() {
                if bytes.is_some() {
                    self.words[start + i / 64] |= 1 << (i % 64);
                }
            }
        }
        self.len += 1;
    }

    /// Drops the oldest `n` samples.
    pub fn drop_oldest(&mut self, n: usize) {
        let n = n.min(self.len);
        let words: usize = self.iter().take(n).map(|s| s.word_count()).sum();
        self.words.drain(..words);
        self.len -= n;
    }

    /// Keeps the first sample and every other one after it (the 1st, 3rd, 5th…).
    pub fn keep_every_other(&mut self) {
        let mut kept = Vec::with_capacity(self.words.len() / 2 + 2);
        let mut len = 0;
        for (i, (start, sample)) in self.placed().enumerate() {
            if i % 2 == 0 {
                kept.extend_from_slice(&self.words[start..start + sample.word_count()]);
                len += 1;
            }
        }
        self.words = kept;
        self.len = len;
    }

    /// Whether the newest sample holds exactly these bytes.
    #[must_use]
    pub fn last_is(&self, drive_bytes: &[Option<i64>]) -> bool {
        self.last().is_some_and(|last| {
            last.drive_count() == drive_bytes.len()
                && last
                    .all_drive_bytes()
                    .zip(drive_bytes)
                    .all(|(a, b)| a == *b)
        })
    }
}

/// The sample at the start of `words` and the words it takes.
fn decode(words: &[u64]) -> Option<(ProgressSample<'_>, usize)> {
    let [seconds, second, rest @ ..] = words else {
        return None;
    };
    let nanos = u32::try_from(second & u64::from(u32::MAX))
        .unwrap_or(0)
        .cast_signed();
    let count = usize::try_from((second & !HAS_MASK) >> COUNT_SHIFT).unwrap_or(0);
    let mask_words = if second & HAS_MASK == 0 {
        0
    } else {
        count.div_ceil(64)
    };
    let bytes = rest.get(..count)?;
    let mask = (mask_words > 0)
        .then(|| rest.get(count..count + mask_words))
        .flatten();
    let at = Timestamp::new(seconds.cast_signed(), nanos).unwrap_or(Timestamp::UNIX_EPOCH);
    Some((ProgressSample { at, bytes, mask }, 2 + count + mask_words))
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use jiff::SignedDuration;

    use super::*;

    fn at(seconds: i64, nanos: i32) -> Timestamp {
        Timestamp::new(seconds, nanos).unwrap()
    }

    fn samples(progress: &Progress) -> Vec<(Timestamp, Vec<Option<i64>>)> {
        progress
            .iter()
            .map(|s| (s.at, s.all_drive_bytes().collect()))
            .collect()
    }

    #[test]
    fn samples_come_back_as_pushed() {
        let many: Vec<Option<i64>> = (0..70)
            .map(|i| (i % 3 != 0).then_some(i64::MIN + i))
            .collect();
        let pushed: Vec<(Timestamp, Vec<Option<i64>>)> = vec![
            (at(0, 0), vec![Some(1), Some(2)]),
            (at(-5, -999_999_999), vec![None, Some(i64::MAX)]),
            (at(1_700_000_000, 123_456_789), vec![]),
            (at(7, 1), vec![None]),
            (Timestamp::MAX, vec![Some(-1), None, Some(0)]),
            (Timestamp::MIN, many),
            (at(9, 0), vec![Some(i64::MIN)]),
        ];
        let mut progress = Progress::default();
        for (t, bytes) in &pushed {
            progress.push(*t, bytes);
            assert!(progress.last_is(bytes));
        }
        assert_eq!(progress.len(), pushed.len());
        assert_eq!(samples(&progress), pushed);
        assert_eq!(progress.last().unwrap().drive_bytes(0), Some(i64::MIN));
        assert_eq!(
            progress.first().unwrap().drive_bytes(2),
            None,
            "no such drive"
        );
        assert!(!progress.last_is(&[Some(i64::MIN), None]));
        assert!(!progress.last_is(&[None]));

        let mut dropped = progress.clone();
        dropped.drop_oldest(2);
        assert_eq!(samples(&dropped), pushed[2..]);
        let mut halved = progress.clone();
        halved.keep_every_other();
        let every_other: Vec<_> = pushed.iter().step_by(2).cloned().collect();
        assert_eq!(samples(&halved), every_other);
        assert_eq!(halved.len(), 4);
        assert_eq!(
            progress.last_n(2).iter().map(|s| s.at).collect::<Vec<_>>(),
            vec![Timestamp::MIN, at(9, 0)]
        );
        dropped.drop_oldest(100);
        assert!(dropped.is_empty());
        assert_eq!(
            dropped,
            Progress::default(),
            "the same samples, the same words"
        );
    }

    #[test]
    fn a_full_window_stays_small() {
        let mut progress = Progress::default();
        let t0 = Timestamp::UNIX_EPOCH;
        for i in 0..1000 {
            if progress.len() == 16 {
                progress.drop_oldest(1);
            }
            let t = t0.checked_add(SignedDuration::from_secs(i)).unwrap();
            progress.push(t, &[Some(i), Some(2 * i), None]);
        }
        assert_eq!(progress.len(), 16);
        assert!(progress.words.capacity() <= 16 * 6 * 5 / 4 + 8);
    }
}
