import GRDB

/// The database's tables, one named migration per change. A migration that has shipped is never edited: a later
/// change is a new migration ("v2", …) appended here.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Dates are REAL seconds since 2001-01-01 UTC (Foundation's reference date), so a Date goes in and
            // comes out bit for bit and sorts exactly. To read one in sqlite3: datetime(at + 978307200, 'unixepoch').
            try db.execute(sql: """
                CREATE TABLE submission (
                    reference TEXT NOT NULL PRIMARY KEY,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    submitted_at REAL NOT NULL,
                    decided_at REAL,
                    decided_by TEXT,
                    reason TEXT,
                    published_file TEXT,
                    published_path TEXT,
                    body TEXT NOT NULL,          -- the Submission as JSON
                    allowances TEXT NOT NULL     -- [PrivacyAllowance] as JSON
                );
                CREATE INDEX submission_by_status ON submission(status, submitted_at);

                CREATE TABLE moderator (
                    username TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                    password_hash TEXT NOT NULL,
                    role TEXT NOT NULL,
                    created_at REAL NOT NULL
                );

                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    reference TEXT,
                    detail TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX audit_by_time ON audit(at);

                -- The audit log is append-only for every connection, the sqlite3 shell included.
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                -- INSERT OR REPLACE deletes the row it replaces without firing delete triggers
                -- (recursive_triggers is off by default): refuse an insert that reuses an id.
                CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
                WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

                -- Login sessions (SQLitePersistDriver), so they survive a restart of the daemon.
                CREATE TABLE session (
                    key TEXT NOT NULL PRIMARY KEY,
                    value TEXT NOT NULL,         -- JSON
                    expires_at REAL              -- NULL: never expires
                );
                CREATE INDEX session_by_expiry ON session(expires_at);
                """)
        }
        migrator.registerMigration("v2") { db in
            // Takedown and retention. The trash keeps a taken-down entry's file for the retention period.
            try db.execute(sql: """
                ALTER TABLE submission ADD COLUMN purged_at REAL;   -- when the retention purge removed the text
                CREATE TABLE trash (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    file TEXT NOT NULL,
                    slug TEXT NOT NULL,
                    title TEXT NOT NULL,
                    text TEXT NOT NULL,
                    reference TEXT,
                    taken_down_at REAL NOT NULL,
                    taken_down_by TEXT NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE INDEX trash_by_time ON trash(taken_down_at);
                """)
        }
        migrator.registerMigration("v3") { db in
            // Keys the daemon makes once and keeps: the key that signs form tokens of visitors with no session.
            // Left out of backups, like sessions (a restored store makes new ones).
            try db.execute(sql: """
                CREATE TABLE secret (
                    name TEXT NOT NULL PRIMARY KEY,
                    value BLOB NOT NULL
                );
                """)
        }
        return migrator
    }
}
