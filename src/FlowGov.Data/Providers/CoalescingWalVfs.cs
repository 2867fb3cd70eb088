using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlowGov.Data.Providers;

/// <summary>
/// A SQLite VFS that wraps the platform's default one and writes each transaction's WAL frames to
/// the file in one <c>pwrite</c> instead of two per frame (ADR 0046).
/// </summary>
/// <remarks>
/// SQLite writes a WAL frame as its 24-byte header and then its page, each by a system call. An
/// advance writes about eighteen frames, so its commit made some thirty-six calls, and on the
/// paravirtualised machines we run on a call costs as much as copying a page. This VFS keeps
/// contiguous writes to a WAL file in memory and hands them to the wrapped file at once when the
/// transaction's commit frame is complete: before the WAL is synced, and before SQLite publishes the
/// new frames to other connections in the wal-index, which it does only after writing them. Any
/// other operation on the file (read, sync, truncate, size, lock, close) writes what is buffered
/// first, so the wrapped file never sees the operations in another order, only fewer writes.
/// Every other file (the database, its shared memory, journals) is the wrapped VFS's own, untouched.
/// </remarks>
internal static unsafe class CoalescingWalVfs
{
    public const string Name = "flowgov-coalescing-wal";

    private const int SqliteOk = 0;
    private const int SqliteNoMem = 7;
    private const int SqliteCantOpen = 14;
    private const int SqliteOpenMainDb = 0x00000100;
    private const int SqliteOpenWal = 0x00080000;
    private const int DatabaseKind = 1;
    private const int WalKind = 2;

    // A transaction larger than this is written in pieces of this size; they are contiguous, so the
    // file ends up the same, and memory stays bounded.
    private const int MaxBuffered = 4 << 20;

    // The unix VFS writes at most 128 KiB - 1 bytes a call (it masks the length with 0x1ffff, pages
    // being 64 KiB at most), so what is buffered goes out in pieces below that.
    private const int MaxWrite = 124 << 10;

    private static readonly Lock Gate = new();
    private static bool _registered;
    private static IoMethods* _methods;
    private static Vfs* _wrapped;
    private static long _walWritesRequested;
    private static long _walWritesMade;

    // The WAL this thread opened last and has not paired with its database file yet (see Link).
    [ThreadStatic]
    private static WrappedFile* _openedWal;

    /// <summary>Writes SQLite asked for on paired WAL files since the process started, and the writes made of them.</summary>
    public static (long Requested, long Made) WalWrites => (Interlocked.Read(ref _walWritesRequested), Interlocked.Read(ref _walWritesMade));

    /// <summary>Registers the VFS as SQLite's default for this process; later calls do nothing.</summary>
    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref _registered))
        {
            return;
        }

        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            // Microsoft.Data.Sqlite does this in its own static constructor; the VFS has to be in place
            // before the first connection opens, which may be earlier.
            SQLitePCL.Batteries_V2.Init();
            var library = NativeLibrary.Load("e_sqlite3", typeof(SQLitePCL.raw).Assembly, null);
            var find = (delegate* unmanaged[Cdecl]<byte*, Vfs*>)NativeLibrary.GetExport(library, "sqlite3_vfs_find");
            var register = (delegate* unmanaged[Cdecl]<Vfs*, int, int>)NativeLibrary.GetExport(library, "sqlite3_vfs_register");

            var wrapped = find(null);
            if (wrapped is null || wrapped->Version < 3)
            {
                throw new InvalidOperationException("SQLite has no default VFS of version 3 or later to wrap.");
            }

            var methods = (IoMethods*)NativeMemory.AllocZeroed((nuint)sizeof(IoMethods));
            methods->Version = 3;
            methods->Close = &Close;
            methods->Read = &Read;
            methods->Write = &Write;
            methods->Truncate = &Truncate;
            methods->Sync = &Sync;
            methods->FileSize = &FileSize;
            methods->Lock = &LockFile;
            methods->Unlock = &UnlockFile;
            methods->CheckReservedLock = &CheckReservedLock;
            methods->FileControl = &FileControl;
            methods->SectorSize = &SectorSize;
            methods->DeviceCharacteristics = &DeviceCharacteristics;
            methods->ShmMap = &ShmMap;
            methods->ShmLock = &ShmLock;
            methods->ShmBarrier = &ShmBarrier;
            methods->ShmUnmap = &ShmUnmap;
            methods->Fetch = &Fetch;
            methods->Unfetch = &Unfetch;

            // Everything but opening a file is the wrapped VFS's. Its functions take the VFS they
            // belong to, so they are called through small forwards; the dynamic-loading ones ignore
            // it and are copied as they are.
            var vfs = (Vfs*)NativeMemory.AllocZeroed((nuint)sizeof(Vfs));
            *vfs = *wrapped;
            vfs->Next = null;
            vfs->Name = (byte*)Marshal.StringToCoTaskMemUTF8(Name);
            vfs->AppData = null;
            vfs->FileSize = sizeof(WrappedFile) + wrapped->FileSize;
            vfs->Open = &Open;
            vfs->Delete = &Delete;
            vfs->Access = &Access;
            vfs->FullPathname = &FullPathname;
            vfs->Randomness = &Randomness;
            vfs->Sleep = &Sleep;
            vfs->CurrentTime = &CurrentTime;
            vfs->GetLastError = &GetLastError;
            vfs->CurrentTimeInt64 = &CurrentTimeInt64;
            vfs->SetSystemCall = &SetSystemCall;
            vfs->GetSystemCall = &GetSystemCall;
            vfs->NextSystemCall = &NextSystemCall;

            _wrapped = wrapped;
            _methods = methods;
            var rc = register(vfs, 1);
            if (rc != SqliteOk)
            {
                throw new InvalidOperationException($"sqlite3_vfs_register failed with code {rc}.");
            }

            Volatile.Write(ref _registered, true);
        }
    }

    // ---- the VFS --------------------------------------------------------------------------------

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Open(Vfs* vfs, byte* name, SqliteFile* file, int flags, int* outFlags)
    {
        // A WAL is paired by the very next call SQLite makes on this thread (see Link), so whatever
        // an earlier open left here is no longer a candidate.
        _openedWal = null;
        var kind = (flags & SqliteOpenWal) != 0 ? WalKind : (flags & SqliteOpenMainDb) != 0 ? DatabaseKind : 0;
        if (kind == 0)
        {
            // Journals and temporary files are the wrapped VFS's alone; our larger size goes unused.
            return _wrapped->Open(_wrapped, name, file, flags, outFlags);
        }

        var f = (WrappedFile*)file;
        *f = default;
        var rc = _wrapped->Open(_wrapped, name, Inner(f), flags, outFlags);
        if (rc != SqliteOk || Inner(f)->Methods is null)
        {
            // SQLite calls xClose only when pMethods is set, and ours is not: a wrapped file that
            // failed to open but set its methods is closed here instead.
            if (Inner(f)->Methods is not null)
            {
                Inner(f)->Methods->Close(Inner(f));
            }

            return rc;
        }

        if (Inner(f)->Methods->Version < 3)
        {
            // Our methods are version 3 and forward every one of them; the platforms' VFSes (unix,
            // win32) are version 3 too, so this is a VFS we were never meant to wrap.
            Inner(f)->Methods->Close(Inner(f));
            return SqliteCantOpen;
        }

        f->Methods = _methods;
        f->Kind = kind;
        f->Name = name;
        if (kind == WalKind)
        {
            _openedWal = f;
        }

        return rc;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Delete(Vfs* vfs, byte* name, int syncDir) => _wrapped->Delete(_wrapped, name, syncDir);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Access(Vfs* vfs, byte* name, int flags, int* result) => _wrapped->Access(_wrapped, name, flags, result);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FullPathname(Vfs* vfs, byte* name, int size, byte* output) => _wrapped->FullPathname(_wrapped, name, size, output);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Randomness(Vfs* vfs, int size, byte* output) => _wrapped->Randomness(_wrapped, size, output);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Sleep(Vfs* vfs, int microseconds) => _wrapped->Sleep(_wrapped, microseconds);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CurrentTime(Vfs* vfs, double* now) => _wrapped->CurrentTime(_wrapped, now);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetLastError(Vfs* vfs, int size, byte* output) => _wrapped->GetLastError(_wrapped, size, output);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CurrentTimeInt64(Vfs* vfs, long* now) => _wrapped->CurrentTimeInt64(_wrapped, now);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetSystemCall(Vfs* vfs, byte* name, nint call) => _wrapped->SetSystemCall(_wrapped, name, call);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nint GetSystemCall(Vfs* vfs, byte* name) => _wrapped->GetSystemCall(_wrapped, name);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte* NextSystemCall(Vfs* vfs, byte* name) => _wrapped->NextSystemCall(_wrapped, name);

    // ---- files ------------------------------------------------------------------------------------

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Close(SqliteFile* file)
    {
        var f = (WrappedFile*)file;
        var rc = f->Kind == WalKind ? Flush(f) : SqliteOk;
        if (f->Kind == DatabaseKind && f->Partner is not null)
        {
            rc = Flush(f->Partner);
        }

        Unlink(f);
        if (_openedWal == f)
        {
            _openedWal = null;
        }

        var closed = Inner(f)->Methods->Close(Inner(f));
        NativeMemory.Free(f->Buffer);
        f->Buffer = null;
        f->Capacity = 0;
        return rc != SqliteOk ? rc : closed;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Read(SqliteFile* file, byte* data, int amount, long offset)
    {
        var f = (WrappedFile*)file;
        var rc = Flush(f);
        return rc != SqliteOk ? rc : Inner(f)->Methods->Read(Inner(f), data, amount, offset);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Write(SqliteFile* file, byte* data, int amount, long offset)
    {
        var f = (WrappedFile*)file;
        if (f->Kind != WalKind || f->Partner is null)
        {
            return Inner(f)->Methods->Write(Inner(f), data, amount, offset);
        }

        Interlocked.Increment(ref _walWritesRequested);
        if (f->Length > 0 && (offset != f->Start + f->Length || amount > MaxBuffered - f->Length))
        {
            // Not the next byte (SQLite rewrites a frame in place when a page changes twice in a
            // transaction, or restarts the WAL), or no room: what came before goes first.
            var rc = Flush(f);
            if (rc != SqliteOk)
            {
                return rc;
            }
        }

        if (amount > MaxBuffered)
        {
            // SQLite writes a page or a frame header at a time, so this is never more than 64 KiB.
            return Inner(f)->Methods->Write(Inner(f), data, amount, offset);
        }

        if (f->Length + amount > f->Capacity)
        {
            var capacity = Math.Min(MaxBuffered, Math.Max(f->Capacity * 2, Math.Max(f->Length + amount, 128 << 10)));
            var grown = (byte*)NativeMemory.Realloc(f->Buffer, (nuint)capacity);
            if (grown is null)
            {
                return SqliteNoMem;
            }

            f->Buffer = grown;
            f->Capacity = capacity;
        }

        if (f->Length == 0)
        {
            f->Start = offset;
        }

        Buffer.MemoryCopy(data, f->Buffer + f->Length, f->Capacity - f->Length, amount);
        f->Length += amount;
        return SqliteOk;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Truncate(SqliteFile* file, long size)
    {
        var f = (WrappedFile*)file;
        var rc = Flush(f);
        return rc != SqliteOk ? rc : Inner(f)->Methods->Truncate(Inner(f), size);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Sync(SqliteFile* file, int flags)
    {
        var f = (WrappedFile*)file;
        var rc = Flush(f);
        return rc != SqliteOk ? rc : Inner(f)->Methods->Sync(Inner(f), flags);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FileSize(SqliteFile* file, long* size)
    {
        var f = (WrappedFile*)file;
        var rc = Flush(f);
        return rc != SqliteOk ? rc : Inner(f)->Methods->FileSize(Inner(f), size);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int LockFile(SqliteFile* file, int level)
    {
        var f = (WrappedFile*)file;
        var rc = Flush(f);
        return rc != SqliteOk ? rc : Inner(f)->Methods->Lock(Inner(f), level);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int UnlockFile(SqliteFile* file, int level)
    {
        var f = (WrappedFile*)file;
        var rc = Flush(f);
        return rc != SqliteOk ? rc : Inner(f)->Methods->Unlock(Inner(f), level);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CheckReservedLock(SqliteFile* file, int* result)
    {
        var f = (WrappedFile*)file;
        return Inner(f)->Methods->CheckReservedLock(Inner(f), result);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int FileControl(SqliteFile* file, int op, void* argument)
    {
        var f = (WrappedFile*)file;
        var rc = Flush(f);
        return rc != SqliteOk ? rc : Inner(f)->Methods->FileControl(Inner(f), op, argument);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SectorSize(SqliteFile* file)
    {
        var f = (WrappedFile*)file;
        return Inner(f)->Methods->SectorSize(Inner(f));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int DeviceCharacteristics(SqliteFile* file)
    {
        var f = (WrappedFile*)file;
        if (f->Kind == DatabaseKind && _openedWal is not null)
        {
            Link(f, _openedWal);
        }

        return Inner(f)->Methods->DeviceCharacteristics(Inner(f));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ShmMap(SqliteFile* file, int page, int pageSize, int extend, void** mapped)
    {
        var f = (WrappedFile*)file;
        return Inner(f)->Methods->ShmMap(Inner(f), page, pageSize, extend, mapped);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ShmLock(SqliteFile* file, int offset, int count, int flags)
    {
        // The shared memory belongs to the database file. A writer releases the WAL's write lock
        // here, also after a rolled-back transaction whose spilled frames are still buffered: they
        // have to reach the file before another connection may write there.
        var f = (WrappedFile*)file;
        var rc = f->Partner is null ? SqliteOk : Flush(f->Partner);
        return rc != SqliteOk ? rc : Inner(f)->Methods->ShmLock(Inner(f), offset, count, flags);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void ShmBarrier(SqliteFile* file)
    {
        // SQLite publishes new frames in the wal-index header on each side of this barrier; other
        // connections read them from the file as soon as they see the header.
        var f = (WrappedFile*)file;
        if (f->Partner is not null)
        {
            _ = Flush(f->Partner);
        }

        Inner(f)->Methods->ShmBarrier(Inner(f));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ShmUnmap(SqliteFile* file, int delete)
    {
        var f = (WrappedFile*)file;
        return Inner(f)->Methods->ShmUnmap(Inner(f), delete);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Fetch(SqliteFile* file, long offset, int amount, void** page)
    {
        var f = (WrappedFile*)file;
        var rc = Flush(f);
        return rc != SqliteOk ? rc : Inner(f)->Methods->Fetch(Inner(f), offset, amount, page);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Unfetch(SqliteFile* file, long offset, void* page)
    {
        var f = (WrappedFile*)file;
        return Inner(f)->Methods->Unfetch(Inner(f), offset, page);
    }

    /// <summary>
    /// Pairs a database file with the WAL its connection has just opened. SQLite opens the WAL and
    /// then, on the same thread, asks the database file for its device characteristics; a WAL that
    /// is never paired is written through unbuffered.
    /// </summary>
    private static void Link(WrappedFile* database, WrappedFile* wal)
    {
        _openedWal = null;
        if (database->Partner is not null || wal->Partner is not null || !IsWalOf(wal->Name, database->Name))
        {
            return;
        }

        database->Partner = wal;
        wal->Partner = database;
    }

    private static void Unlink(WrappedFile* file)
    {
        if (file->Partner is not null)
        {
            file->Partner->Partner = null;
            file->Partner = null;
        }
    }

    private static bool IsWalOf(byte* walName, byte* databaseName)
    {
        if (walName is null || databaseName is null)
        {
            return false;
        }

        var database = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(databaseName);
        var wal = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(walName);
        return wal.Length == database.Length + 4 && wal.StartsWith(database) && wal.EndsWith("-wal"u8);
    }

    private static int Flush(WrappedFile* file)
    {
        if (file->Length == 0)
        {
            return SqliteOk;
        }

        var length = file->Length;
        file->Length = 0;
        // On failure the rest is dropped: SQLite sees the error and abandons the transaction, and
        // frames past the last commit it published are never read.
        for (var written = 0; written < length; written += MaxWrite)
        {
            Interlocked.Increment(ref _walWritesMade);
            var rc = Inner(file)->Methods->Write(Inner(file), file->Buffer + written, Math.Min(MaxWrite, length - written), file->Start + written);
            if (rc != SqliteOk)
            {
                return rc;
            }
        }

        return SqliteOk;
    }

    private static SqliteFile* Inner(WrappedFile* file) => (SqliteFile*)((byte*)file + sizeof(WrappedFile));

    // ---- SQLite's structures (sqlite3.h), for 64-bit platforms -----------------------------------

    [StructLayout(LayoutKind.Sequential)]
    internal struct SqliteFile
    {
        public IoMethods* Methods;
    }

    /// <summary>A database or WAL file: the wrapped VFS's own file follows this header in the same allocation.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct WrappedFile
    {
        public IoMethods* Methods;
        /// <summary>The WAL of a database file, or the database file of a WAL, once paired.</summary>
        public WrappedFile* Partner;
        /// <summary>SQLite keeps the name it opened a file by until it closes it.</summary>
        public byte* Name;
        public byte* Buffer;
        public long Start;
        public int Length;
        public int Capacity;
        public int Kind;
        private readonly int _padding;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct IoMethods
    {
        public int Version;
        public delegate* unmanaged[Cdecl]<SqliteFile*, int> Close;
        public delegate* unmanaged[Cdecl]<SqliteFile*, byte*, int, long, int> Read;
        public delegate* unmanaged[Cdecl]<SqliteFile*, byte*, int, long, int> Write;
        public delegate* unmanaged[Cdecl]<SqliteFile*, long, int> Truncate;
        public delegate* unmanaged[Cdecl]<SqliteFile*, int, int> Sync;
        public delegate* unmanaged[Cdecl]<SqliteFile*, long*, int> FileSize;
        public delegate* unmanaged[Cdecl]<SqliteFile*, int, int> Lock;
        public delegate* unmanaged[Cdecl]<SqliteFile*, int, int> Unlock;
        public delegate* unmanaged[Cdecl]<SqliteFile*, int*, int> CheckReservedLock;
        public delegate* unmanaged[Cdecl]<SqliteFile*, int, void*, int> FileControl;
        public delegate* unmanaged[Cdecl]<SqliteFile*, int> SectorSize;
        public delegate* unmanaged[Cdecl]<SqliteFile*, int> DeviceCharacteristics;
        public delegate* unmanaged[Cdecl]<SqliteFile*, int, int, int, void**, int> ShmMap;
        public delegate* unmanaged[Cdecl]<SqliteFile*, int, int, int, int> ShmLock;
        public delegate* unmanaged[Cdecl]<SqliteFile*, void> ShmBarrier;
        public delegate* unmanaged[Cdecl]<SqliteFile*, int, int> ShmUnmap;
        public delegate* unmanaged[Cdecl]<SqliteFile*, long, int, void**, int> Fetch;
        public delegate* unmanaged[Cdecl]<SqliteFile*, long, void*, int> Unfetch;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Vfs
    {
        public int Version;
        public int FileSize;
        public int MaxPathname;
        public Vfs* Next;
        public byte* Name;
        public void* AppData;
        public delegate* unmanaged[Cdecl]<Vfs*, byte*, SqliteFile*, int, int*, int> Open;
        public delegate* unmanaged[Cdecl]<Vfs*, byte*, int, int> Delete;
        public delegate* unmanaged[Cdecl]<Vfs*, byte*, int, int*, int> Access;
        public delegate* unmanaged[Cdecl]<Vfs*, byte*, int, byte*, int> FullPathname;
        public nint DlOpen;
        public nint DlError;
        public nint DlSym;
        public nint DlClose;
        public delegate* unmanaged[Cdecl]<Vfs*, int, byte*, int> Randomness;
        public delegate* unmanaged[Cdecl]<Vfs*, int, int> Sleep;
        public delegate* unmanaged[Cdecl]<Vfs*, double*, int> CurrentTime;
        public delegate* unmanaged[Cdecl]<Vfs*, int, byte*, int> GetLastError;
        public delegate* unmanaged[Cdecl]<Vfs*, long*, int> CurrentTimeInt64;
        public delegate* unmanaged[Cdecl]<Vfs*, byte*, nint, int> SetSystemCall;
        public delegate* unmanaged[Cdecl]<Vfs*, byte*, nint> GetSystemCall;
        public delegate* unmanaged[Cdecl]<Vfs*, byte*, byte*> NextSystemCall;
    }
}
