//! Passwords: Argon2id hashes, each with a salt of its own, and checks against them. Checks run
//! one at a time on a thread of their own at a lower scheduling priority (Linux), so a stream of
//! sign-ins, an attacker's wrong ones among them, gets the CPU the requests leave and never the
//! requests' share.

use std::sync::mpsc::{channel, sync_channel, Sender, SyncSender};
use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// A check waiting for the checker: the hash, the password, where to say whether they match.
type Check = (String, String, SyncSender<bool>);

/// The checker thread's queue.
static CHECKER: LazyLock<Sender<Check>> = LazyLock::new(|| {
    let (send, receive) = channel::<Check>();
    std::thread::Builder::new()
        .name("password-checks".into())
        .spawn(move || {
            lower_priority();
            for (hash, password, answer) in receive {
                answer.send(verify(&hash, &password)).ok();
            }
        })
        .expect("a thread for password checks");
    send
});

/// Whether `password` matches `hash` (an Argon2id hash), checked on the checker thread.
pub fn check(hash: &str, password: &str) -> bool {
    let (answer, wait) = sync_channel(1);
    if CHECKER
        .send((hash.to_owned(), password.to_owned(), answer))
        .is_err()
    {
        return false;
    }
    wait.recv().unwrap_or(false)
}

/// The same work as [`check`] for an email no one has, and its answer: false. Unknown emails
/// can't be told from wrong passwords by the time they take.
pub fn check_nothing(password: &str) -> bool {
    check(&DUMMY_HASH, password);
    false
}

/// `count` hashes of `password`, each with a salt of its own, made on every core.
pub fn hash_many(password: &str, count: usize) -> Vec<String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = count.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..count)
            .step_by(per_thread)
            .map(|start| {
                let n = per_thread.min(count - start);
                scope.spawn(move || (0..n).map(|_| hash(password)).collect::<Vec<_>>())
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("hashing does not panic"))
            .collect()
    })
}

/// An Argon2id hash of `password` with a fresh salt.
pub fn hash(password: &str) -> String {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).expect("the OS random source");
    let salt = SaltString::encode_b64(&salt).expect("16 bytes is a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2 with default parameters")
        .to_string()
}

fn verify(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash("not a real password"));

/// Nice 10 for the calling thread (on Linux a thread has a priority of its own).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; `who = 0` is the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_match_only_their_own_hash() {
        let hash = hash("correct horse");
        assert!(check(&hash, "correct horse"));
        assert!(!check(&hash, "correct horse "));
        assert!(!check("not a hash", "correct horse"));
        assert!(!check_nothing("correct horse"));
        assert_ne!(hash, super::hash("correct horse"), "salted");
        let many = hash_many("correct horse", 3);
        assert_eq!(many.len(), 3);
        assert!(many.iter().all(|h| check(h, "correct horse")));
    }
}
