#pragma once
// Per-state bookkeeping shared by the allocator, the limit hook, the trampoline and the
// coroutine library. It is the allocator's `ud`, so any thread of a state reaches it with
// lua_getallocf.
#include <lua.h>
#include <stddef.h>

enum { TRIP_NONE = 0, TRIP_MEMORY = 1, TRIP_TIME = 2 };

typedef struct shim_state {
    size_t used;            // bytes Lua's heap holds
    size_t external;        // bytes held outside the heap for Lua (image data)
    size_t limit;           // memory cap in bytes (0 = none)
    int guarded;            // refuse over-cap allocations: only while Lua code (not Swift) runs (atomic: the watchdog reads it)
    int tripped;            // TRIP_*: once set, every protected call re-raises until the run ends
    int limits_active;      // a memory or time limit is set
    size_t refused_size;    // the last refused request, to tell Lua's retry after an emergency GC
    void *refused_ptr;
    unsigned alloc_count;
    double cpu_limit;       // seconds of the Lua thread's CPU time (0 = none)
    double cpu_start;
    void *pending;          // the marker a binding yields first to wait on the host
    char *memory_message;   // texts of the two limit errors
    char *time_message;
    unsigned hook_fires;    // count-hook calls (atomic: the watchdog reads it)
    struct shim_watchdog *watchdog;
    char *stuck_message;    // what the watchdog prints before ending the process
} shim_state;

/// Starts the CPU-time watchdog for the calling (Lua) thread; stops it. See watchdog.c.
void shim_start_watchdog(lua_State *L);
void shim_stop_watchdog(lua_State *L);

shim_state *shim_state_of(lua_State *L);
double shim_thread_cpu(void);
/// Raises the limit error for the tripped limit (an error table of kind "limit") at the caller's line.
int shim_raise_limit(lua_State *L, int use_hook_position);
/// Raises the limit error if a limit has tripped, or if `status` is a memory error while limits are active.
void shim_check_tripped(lua_State *L, int status);
