#pragma once
// Limn's C side of the Lua boundary. Swift never calls a Lua API that can raise or
// yield; it returns a status to the trampoline here, and only C raises or yields.
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>

/// Status codes a Swift binding returns to the trampoline (>= 0 means "that many results").
enum {
    SHIM_ERROR = -1,          ///< raise the value on top of the stack, with the caller's position
    SHIM_RETHROW = -2,        ///< raise the value on top of the stack as it is
    SHIM_YIELD_BASE = -1000,  ///< SHIM_YIELD_BASE - n: yield the top n values
};

/// The Swift dispatcher: runs the Swift function behind `callable` and returns a status.
typedef int (*shim_dispatch_fn)(lua_State *L, void *callable);

/// Installs the dispatcher (once per process).
void shim_set_dispatcher(shim_dispatch_fn fn);
/// Pushes a C closure over the trampoline whose upvalue is `callable` (a retained Swift box).
void shim_pushswiftfunction(lua_State *L, void *callable);

/// A new state whose allocator aborts on real out-of-memory (no push from Swift can ever
/// longjmp) and whose panic handler aborts with a message. Warnings are off until "@on".
lua_State *shim_newstate(void);
/// Closes the state (limits cleared first) and frees its bookkeeping.
void shim_close(lua_State *L);
/// Bytes the allocator currently holds for `L`'s state.
size_t shim_allocated(lua_State *L);

/// Runs `lua_pcall` with a message handler that appends a traceback. Returns the status;
/// on error the message (with traceback) is a string on top.
int shim_pcall_traceback(lua_State *L, int nargs, int nresults);
/// Loads a chunk (text only when `textonly`); never raises.
int shim_loadbuffer(lua_State *L, const char *buf, size_t len, const char *chunkname, int textonly);
/// Opens the standard libraries in protected mode; returns a status.
int shim_openlibs(lua_State *L);
/// Pushes a traceback of `co` (starting at `level`) with `msg` onto L. Never raises.
void shim_traceback(lua_State *L, lua_State *co, const char *msg, int level);
/// Resets a dead or suspended thread, closing its pending to-be-closed variables.
int shim_resetthread(lua_State *co);

// Macro wrappers (function-like macros are not imported into Swift).
int shim_registryindex(void);
int shim_upvalueindex(int i);
void shim_pop(lua_State *L, int n);
void shim_newtable(lua_State *L);
const char *shim_tolstring(lua_State *L, int i, size_t *len);
void shim_pushglobaltable(lua_State *L);
void shim_insert(lua_State *L, int idx);
void shim_remove(lua_State *L, int idx);
void shim_replace(lua_State *L, int idx);
int shim_isnoneornil(lua_State *L, int idx);
int shim_gc_step(lua_State *L, int kilobytes);
int shim_gc_collect(lua_State *L);
int shim_gc_count_kb(lua_State *L);

// Userdata holding one pointer to a retained Swift object.
void shim_pushobject(lua_State *L, void *p, const char *tname);
void *shim_toobject(lua_State *L, int i, const char *tname);
void *shim_takeobject(lua_State *L, int i);

// ---- Limits (limits.c) ----

/// Caps the heap at `memory` bytes and the Lua thread's CPU time at `cpu_seconds` (0 = none);
/// the messages are the texts of the two `limit` errors. Call on the Lua thread.
void shim_set_limits(lua_State *L, size_t memory, double cpu_seconds, const char *memory_message, const char *time_message);
/// Which limit has tripped: 0 none, 1 memory, 2 time.
int shim_tripped(lua_State *L);
/// Turns the limits off (before closing the state).
void shim_clear_limits(lua_State *L);
/// What the CPU-time watchdog prints (one line) before it ends a process whose recipe is stuck
/// past its limit inside one C library call, which the count hook cannot interrupt.
void shim_set_stuck_message(lua_State *L, const char *message);
/// Bytes held for Lua outside its heap (image data): counted against the memory cap.
void shim_add_external(lua_State *L, long long delta);
/// Whether the heap plus external bytes are over the memory cap.
int shim_over_memory(lua_State *L);
/// lua_resume with the memory cap enforced while the coroutine runs Lua code.
int shim_resume_guarded(lua_State *co, lua_State *from, int nargs, int *nres);
/// Replaces pcall and xpcall with versions that re-raise once a limit has tripped.
void shim_install_guarded_pcall(lua_State *L);
void shim_limit_hook(lua_State *L, lua_Debug *ar);
void *shim_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

// ---- Coroutines (coroutines.c) ----

/// Installs the coroutine library's task-aware functions; `pending` is the marker bindings yield.
int shim_install_coroutines(lua_State *L, void *pending);
/// Marks `co` as a scheduler task: the recipe sees it as a main thread.
void shim_mark_task(lua_State *co);
void shim_clear_extra(lua_State *L);
/// Whether a binding running on `L` can wait for the host: every thread between it and its task can yield.
int shim_can_wait(lua_State *L);
/* "recipe.lua:12" of the function at `level` into `buf`; 0 when it has no line. Never raises. */
int shim_where(lua_State *L, int level, char *buf, size_t size);
/// Pushes the `limit` error of the tripped limit (memory when none has), positioned at the
/// innermost Lua function at or above `where_level` on `where_thread`. Never raises.
void shim_push_limit_error(lua_State *L, lua_State *where_thread, int where_level);
/// Pushes "chunk:line: " of the innermost Lua function on `co`'s stack (or "").
void shim_push_where(lua_State *L, lua_State *co);

/// Keeps big allocations (image buffers) mmapped so freeing them returns memory at once, and up
/// to `trim_threshold` bytes of freed heap for reuse (glibc's M_MMAP_THRESHOLD, M_TRIM_THRESHOLD).
void shim_tune_allocator(size_t mmap_threshold, size_t trim_threshold);
