import CSQLite
import Foundation

/// One connection to an SQLite file, through SQLite's C API.
///
/// The history needs little of a database library: statements with `?` arguments, rows read by
/// column name, transactions and named migrations. Written against the C API it keeps the
/// history's code and memory small (a run that records touches a few pages of this instead of
/// megabytes of a generic library's code and metadata; docs/performance.md).
///
/// The file is in WAL mode, so readers in other processes never block a writer. A write is
/// `BEGIN IMMEDIATE`: it takes the write lock up front and waits up to `busyTimeout` for
/// another process's write, so two processes recording at once queue up and lose nothing. A
/// read runs in a deferred transaction, one snapshot for all its statements. Calls from several
/// threads take turns on the connection's lock.
///
/// `@unchecked Sendable`: the handle is only used inside `lock`.
final class SQLiteDatabase: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()
    let path: String

    init(path: String, busyTimeout: TimeInterval) throws {
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw HistoryError.database("SQLite error \(status): \(message) - while opening \(path)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Int32(busyTimeout * 1000))
        let connection = SQLiteConnection(handle: db)
        do {
            // journal_mode answers with a row; asking for WAL on a WAL file is a no-op.
            _ = try connection.rows("PRAGMA journal_mode = WAL")
            try connection.execute("PRAGMA foreign_keys = ON")
        } catch {
            sqlite3_close_v2(db)
            throw error
        }
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs `body` in a write transaction: committed when it returns, rolled back when it throws.
    func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try transaction("BEGIN IMMEDIATE", body)
    }

    /// Runs `body` in a read transaction: every statement sees the same snapshot.
    func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try transaction("BEGIN DEFERRED", body)
    }

    private func transaction<T>(_ begin: String, _ body: (SQLiteConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let connection = SQLiteConnection(handle: handle)
        try connection.execute(begin)
        do {
            let value = try body(connection)
            try connection.execute("COMMIT")
            return value
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil) }
            throw error
        }
    }
}

/// A row of a result: values by column name or position.
struct SQLiteRow {
    fileprivate let names: [String]
    let values: [SQLiteValue]

    /// The value of the column `name` (the first of that name); NULL when there is none.
    subscript<T: SQLiteConvertible>(_ name: String) -> T {
        T(sqliteValue: names.firstIndex(of: name).map { values[$0] } ?? .null)
    }

    /// The value of column `index`; NULL past the last column.
    subscript<T: SQLiteConvertible>(_ index: Int) -> T {
        T(sqliteValue: values.indices.contains(index) ? values[index] : .null)
    }
}

/// Statements on a connection inside one of `SQLiteDatabase`'s transactions.
struct SQLiteConnection {
    fileprivate let handle: OpaquePointer

    /// The rowid of the last row inserted on this connection.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs one statement, ignoring any rows it returns.
    func execute(_ sql: String, _ arguments: [any SQLiteConvertible] = []) throws {
        try withStatement(sql, arguments) { statement in
            while try step(statement, sql) {}
        }
    }

    /// Runs several statements separated by `;`, with no arguments (a migration's script).
    func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        guard status == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_free(message)
            throw HistoryError.database("SQLite error \(status): \(text) - while executing `\(sql)`")
        }
    }

    /// The rows of one statement.
    func rows(_ sql: String, _ arguments: [any SQLiteConvertible] = []) throws -> [SQLiteRow] {
        try withStatement(sql, arguments) { statement in
            let count = sqlite3_column_count(statement)
            let names = (0..<count).map { String(cString: sqlite3_column_name(statement, $0)) }
            var rows: [SQLiteRow] = []
            while try step(statement, sql) {
                rows.append(SQLiteRow(names: names, values: (0..<count).map { column(statement, $0) }))
            }
            return rows
        }
    }

    /// The first row of one statement, if any.
    func row(_ sql: String, _ arguments: [any SQLiteConvertible] = []) throws -> SQLiteRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row, or nil when there is no row or it is NULL.
    func value<T: SQLiteConvertible>(_ sql: String, _ arguments: [any SQLiteConvertible] = [], as type: T.Type = T.self) throws -> T? {
        guard let first = try rows(sql, arguments).first, let v = first.values.first, v != .null else { return nil }
        return T(sqliteValue: v)
    }

    private func withStatement<T>(_ sql: String, _ arguments: [any SQLiteConvertible],
                                  _ body: (OpaquePointer) throws -> T) throws -> T {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw failure(status, sql) }
        defer { sqlite3_finalize(statement) }
        guard Int(sqlite3_bind_parameter_count(statement)) == arguments.count else {
            throw HistoryError.database("SQLite: \(arguments.count) arguments for \(sqlite3_bind_parameter_count(statement)) placeholders - while executing `\(sql)`")
        }
        for (i, argument) in arguments.enumerated() {
            let index = Int32(i + 1)
            let bound: Int32
            switch argument.sqliteValue {
            case .null: bound = sqlite3_bind_null(statement, index)
            case .integer(let v): bound = sqlite3_bind_int64(statement, index, v)
            case .real(let v): bound = sqlite3_bind_double(statement, index, v)
            case .text(let t): bound = sqlite3_bind_text(statement, index, t, -1, Self.transient)
            }
            guard bound == SQLITE_OK else { throw failure(bound, sql) }
        }
        return try body(statement)
    }

    /// Steps once: true when a row is ready, false when the statement is done.
    private func step(_ statement: OpaquePointer, _ sql: String) throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let status: throw failure(status, sql)
        }
    }

    private func column(_ statement: OpaquePointer, _ index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, index))
        case SQLITE_NULL: return .null
        default:
            // Text, or a blob read as its bytes' UTF-8 (the history writes no blobs).
            guard let text = sqlite3_column_text(statement, index) else { return .null }
            let count = Int(sqlite3_column_bytes(statement, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        }
    }

    private func failure(_ status: Int32, _ sql: String) -> HistoryError {
        HistoryError.database("SQLite error \(status): \(String(cString: sqlite3_errmsg(handle))) - while executing `\(sql)`")
    }

    /// SQLITE_TRANSIENT: SQLite copies the text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
