//! Watching a site's sources with `notify` through `notify-debouncer-full`, the one module that
//! knows them.
//!
//! In: the site root. Out: `WatchMessage`s on a channel, each the paths touched by one debounced
//! burst of events (a save by rename, a `git checkout` of many files). The source folders are
//! watched recursively (folders made later inside them are picked up by notify); the root itself
//! only non-recursively, for `folio.toml` and for source folders created or removed while serving.
//! The folders `[highlight]` names (`extra_syntaxes`, `extra_themes`) lie inside the site (the
//! build refuses others, F0605) but usually outside the source folders; they are watched
//! recursively too, following folio.toml as it changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use tokio::sync::mpsc::UnboundedSender;

/// Folders of the site root whose whole tree is a source of the build.
const SOURCE_FOLDERS: [&str; 5] = ["content", "templates", "themes", "static", "i18n"];

/// Quiet time after the last event of a burst before the burst is reported: an editor's save
/// (even by rename) is over in a few milliseconds, and it is most of the save-to-reload time.
/// A longer burst (a `git checkout`) that outlasts a rebuild is merged into the next one.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// How often the debouncer looks for bursts that have gone quiet.
const TICK: Duration = Duration::from_millis(3);

#[derive(Debug)]
pub(super) enum WatchMessage {
    /// Every path named by a burst of events (absolute, under the root).
    Touched(Vec<PathBuf>),
    /// The watcher's own failures (e.g. too many inotify watches).
    Failed(Vec<String>),
}

/// The watcher; dropping it stops watching.
pub(super) struct SiteWatcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
    /// The `[highlight]` folders as folio.toml named them when it last parsed.
    extra: Vec<PathBuf>,
    /// Those of them watched on their own (the rest lie inside a watched folder or do not exist).
    extra_watched: BTreeSet<PathBuf>,
    /// For those that do not exist yet: the nearest folder above that does, watched on its own
    /// (not recursively), so creating the folder is seen.
    extra_parents: BTreeSet<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching `root` (absolute) and its source folders.
    pub(super) fn start(
        root: &Path,
        messages: UnboundedSender<WatchMessage>,
    ) -> notify::Result<Self> {
        let events_root = root.to_path_buf();
        let debouncer = new_debouncer(DEBOUNCE, Some(TICK), move |result: DebounceEventResult| {
            let message = match result {
                Ok(events) => {
                    let events: Vec<notify::Event> = events.into_iter().map(|e| e.event).collect();
                    WatchMessage::Touched(touched_paths(&events_root, &events))
                }
                Err(errors) => WatchMessage::Failed(errors.iter().map(|e| e.to_string()).collect()),
            };
            // The receiver is gone only while the server shuts down.
            messages.send(message).ok();
        })?;
        let mut watcher = SiteWatcher {
            debouncer,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
            extra: Vec::new(),
            extra_watched: BTreeSet::new(),
            extra_parents: BTreeSet::new(),
        };
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watcher.follow_source_folders()?;
        Ok(watcher)
    }

    /// The folders `[highlight]` names, absolute, for `SiteLayout::extra`.
    pub(super) fn extra_folders(&self) -> &[PathBuf] {
        &self.extra
    }

    /// Starts watching source folders created since the last call, and forgets removed ones
    /// (so a folder removed and made again is watched again); the same for the `[highlight]`
    /// folders, read again from folio.toml.
    pub(super) fn follow_source_folders(&mut self) -> notify::Result<()> {
        for name in SOURCE_FOLDERS {
            let folder = self.root.join(name);
            let exists = folder.is_dir();
            let known = self.watched.contains(&folder);
            if exists && !known {
                self.debouncer.watch(&folder, RecursiveMode::Recursive)?;
                self.watched.insert(folder);
            } else if !exists && known {
                self.debouncer.unwatch(&folder).ok();
                self.watched.remove(&folder);
            }
        }
        self.follow_extra_folders()
    }

    /// Watches the `[highlight]` folders of folio.toml. While folio.toml does not parse, the
    /// folders of its last good version are kept (the build reports the error). A folder inside
    /// a watched source folder is not watched twice, and one holding the root (`.`) not at all:
    /// that would watch `target/` and every other folder of the site.
    fn follow_extra_folders(&mut self) -> notify::Result<()> {
        if let Some(extra) = highlight_folders(&self.root) {
            self.extra = extra;
        }
        let covered = |folder: &Path| self.watched.iter().any(|w| folder.starts_with(w));
        let wanted: BTreeSet<PathBuf> = self
            .extra
            .iter()
            .filter(|folder| folder.is_dir() && !self.root.starts_with(folder) && !covered(folder))
            .cloned()
            .collect();
        let watches = Watches {
            debouncer: &mut self.debouncer,
            mode: RecursiveMode::Recursive,
        };
        // A folder now inside a watched source folder shares that folder's watch: not unwatched.
        watches.sync(&mut self.extra_watched, wanted, covered)?;
        self.follow_missing_extra_folders()
    }

    /// Watches, not recursively, the nearest existing folder above each `[highlight]` folder
    /// that does not exist yet (unless a watch already sees it), so its creation starts a burst.
    fn follow_missing_extra_folders(&mut self) -> notify::Result<()> {
        let recursive = |folder: &Path| {
            (self.watched.iter().chain(&self.extra_watched)).any(|w| folder.starts_with(w))
        };
        let wanted: BTreeSet<PathBuf> = (self.extra.iter())
            .filter(|folder| !folder.exists())
            .filter_map(|folder| folder.ancestors().skip(1).find(|a| a.is_dir()))
            .filter(|parent| *parent != self.root && !recursive(parent))
            .map(Path::to_path_buf)
            .collect();
        let watches = Watches {
            debouncer: &mut self.debouncer,
            mode: RecursiveMode::NonRecursive,
        };
        watches.sync(&mut self.extra_parents, wanted, recursive)?;
        Ok(())
    }
}

/// The debouncer, adding watches of one mode.
struct Watches<'a> {
    debouncer: &'a mut Debouncer<RecommendedWatcher, RecommendedCache>,
    mode: RecursiveMode,
}

impl Watches<'_> {
    /// Makes the folders `current` watches the `wanted` ones: unwatches those no longer wanted
    /// (unless `shared`, another watch on the same folder that must stay), watches the new ones.
    fn sync(
        self,
        current: &mut BTreeSet<PathBuf>,
        wanted: BTreeSet<PathBuf>,
        shared: impl Fn(&Path) -> bool,
    ) -> notify::Result<()> {
        for gone in current.difference(&wanted).cloned().collect::<Vec<_>>() {
            if !shared(&gone) {
                self.debouncer.unwatch(&gone).ok();
            }
            current.remove(&gone);
        }
        for folder in wanted {
            if !current.contains(&folder) {
                self.debouncer.watch(&folder, self.mode)?;
                current.insert(folder);
            }
        }
        Ok(())
    }
}

/// `extra_syntaxes` and `extra_themes` of folio.toml as absolute paths (canonical when they
/// exist, so they match the paths of events), or `None` when folio.toml cannot be read.
fn highlight_folders(root: &Path) -> Option<Vec<PathBuf>> {
    let path = root.join(crate::config::CONFIG_FILE);
    let text = std::fs::read_to_string(&path).ok()?;
    let config = crate::config::Config::parse(&path, &text).ok()?;
    // A folder outside the site is refused by the build (F0605), so it is not watched either.
    let Ok(config) = config.resolve_folders(root) else {
        return Some(Vec::new());
    };
    let highlight = config.highlight;
    let folders = [highlight.extra_syntaxes, highlight.extra_themes]
        .into_iter()
        .flatten()
        .map(|folder| canonical(&root.join(folder)))
        .collect();
    Some(folders)
}

/// `path` with its nearest existing ancestor canonicalized (so `site/../grammars` becomes
/// `/…/grammars` even before that folder exists, as the watcher's events will name it).
fn canonical(path: &Path) -> PathBuf {
    for ancestor in path.ancestors() {
        if let Ok(real) = std::fs::canonicalize(ancestor) {
            let rest = path.strip_prefix(ancestor).unwrap_or(Path::new(""));
            return real.join(rest);
        }
    }
    path.to_path_buf()
}

/// The paths a burst of events names. Reads and opens are not changes; a rescan request (the
/// kernel dropped events) is reported as a change of the configuration, so everything rebuilds.
fn touched_paths(root: &Path, events: &[notify::Event]) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for event in events {
        if event.need_rescan() {
            paths.push(root.join(crate::config::CONFIG_FILE));
        }
        if is_change(&event.kind) {
            paths.extend(event.paths.iter().cloned());
        }
    }
    paths
}

fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};

    fn event(kind: EventKind, paths: &[&str]) -> notify::Event {
        paths.iter().fold(notify::Event::new(kind), |e, p| {
            e.add_path(PathBuf::from(p))
        })
    }

    #[test]
    fn keeps_writes_creations_removals_and_both_ends_of_renames() {
        let events = [
            event(EventKind::Create(CreateKind::File), &["/s/content/new.md"]),
            event(
                EventKind::Modify(ModifyKind::Data(DataChange::Any)),
                &["/s/content/a.md"],
            ),
            event(EventKind::Remove(RemoveKind::File), &["/s/content/gone.md"]),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/s/content/a.tmp", "/s/content/b.md"],
            ),
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &["/s/content/c.md"],
            ),
        ];
        let expected: Vec<PathBuf> = [
            "/s/content/new.md",
            "/s/content/a.md",
            "/s/content/gone.md",
            "/s/content/a.tmp",
            "/s/content/b.md",
            "/s/content/c.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(touched_paths(Path::new("/s"), &events), expected);
    }

    #[test]
    fn reads_are_not_changes() {
        let events = [
            event(
                EventKind::Access(AccessKind::Open(AccessMode::Read)),
                &["/s/content/a.md"],
            ),
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Read)),
                &["/s/content/a.md"],
            ),
        ];
        assert!(touched_paths(Path::new("/s"), &events).is_empty());
    }

    #[test]
    fn a_rescan_rebuilds_everything() {
        use notify::event::Flag;
        let rescan = notify::Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert_eq!(
            touched_paths(Path::new("/s"), &[rescan]),
            [PathBuf::from("/s/folio.toml")]
        );
    }
}
