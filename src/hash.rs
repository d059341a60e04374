//! The hash maps and sets hrpolicy uses: the standard ones, with the standard randomly
//! keyed hasher, except in a fuzzing build (`cfg(fuzzing)`, set by cargo-fuzz), where
//! the keys are fixed. A random key makes the hash table probe differently in each run,
//! so the same input covers slightly different code each time: the fuzzer took that for
//! new coverage, and replays of one corpus disagreed by up to a dozen edges, which hid
//! whether coverage had stopped growing (docs/FUZZING.md, round 19). Nothing here
//! depends on the order of a map, so the outputs are the same with either hasher.
//!
//! Build them with `default()`, `with_capacity_and_hasher(n, Default::default())` or
//! `collect()`: `new()` and `with_capacity()` exist only for the random hasher.

#[cfg(not(fuzzing))]
pub type State = std::collections::hash_map::RandomState;
#[cfg(fuzzing)]
pub type State = std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher>;

#[allow(clippy::disallowed_types)] // the one place they are named
pub type HashMap<K, V> = std::collections::HashMap<K, V, State>;
#[allow(clippy::disallowed_types)]
pub type HashSet<T> = std::collections::HashSet<T, State>;
