package dev.tessera.scheduler;

/** How a syncStart cohort that does not fit on one scheduler's idle cores gets placed. */
public enum SyncStartMode {
    /** The reference: every scheduler stops dispatching until the cohort is placed. */
    FREEZE_ALL,
    /** Tessera: only cores the cohort needs are held back; see docs/sync-start.md. */
    RESERVE
}
