// Memory and CPU-time limits that a script cannot catch its way around.
//
// Memory: the allocator refuses to grow the heap past the cap, but only while Lua code runs
// (`guarded`): a push from Swift never fails, so no memory error can longjmp through Swift.
// Time: a count hook reads the Lua thread's CPU clock; large or frequent allocations read it
// too, so string.rep or table.concat stop before they allocate without bound.
// Once a limit trips, the hook fires on every instruction and every protected call made
// through the wrappers below re-raises, until the run ends.
#include "CLuaShim.h"
#include "state.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Extra room granted after a memory trip, so the error and its traceback can be built. */
#define TRIP_HEADROOM (4u << 20)
#define HOOK_COUNT 10000

shim_state *shim_state_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (shim_state *)ud;
}

double shim_thread_cpu(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int over_time(shim_state *st) {
    return st->cpu_limit > 0 && shim_thread_cpu() - st->cpu_start > st->cpu_limit;
}

void *shim_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    shim_state *st = (shim_state *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        st->used -= old;
        return NULL;
    }
    if (nsize > old && st->guarded) {
        if (st->limit) {
            size_t cap = st->limit + (st->tripped ? TRIP_HEADROOM : 0);
            if (st->used - old + nsize + st->external > cap) {
                /* Lua retries a refused request once after an emergency collection; a second
                   refusal of the same request means the script really holds that much. */
                if (st->refused_ptr == ptr && st->refused_size == nsize && !st->tripped) st->tripped = TRIP_MEMORY;
                st->refused_ptr = ptr;
                st->refused_size = nsize;
                return NULL;
            }
        }
        if (st->cpu_limit > 0 && !st->tripped && (nsize >= (1u << 20) || (++st->alloc_count & 1023u) == 0) && over_time(st)) {
            st->tripped = TRIP_TIME;
            return NULL;
        }
        st->refused_ptr = NULL;
        st->refused_size = 0;
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL) {
        fprintf(stderr, "limn: out of memory (Lua asked for %zu bytes)\n", nsize);
        abort();
    }
    st->used = st->used - old + nsize;
    return p;
}

/* "chunk:line: " of the innermost Lua function at or above `level` on `co`'s stack, pushed on L. */
static void push_where_from(lua_State *L, lua_State *co, int level) {
    lua_Debug ar;
    for (; level < 64 && lua_getstack(co, level, &ar); level++) {
        if (lua_getinfo(co, "Sl", &ar) && ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
    lua_pushliteral(L, "");
}

void shim_push_where(lua_State *L, lua_State *co) { push_where_from(L, co, 0); }

void shim_push_limit_error(lua_State *L, lua_State *where_thread, int where_level) {
    shim_state *st = shim_state_of(L);
    if (!st->tripped) st->tripped = TRIP_MEMORY;
    int memory = st->tripped == TRIP_MEMORY;
    const char *message = memory ? st->memory_message : st->time_message;
    lua_createtable(L, 0, 5);
    lua_pushstring(L, "limit");
    lua_setfield(L, -2, "kind");
    lua_pushstring(L, message ? message : (memory ? "the memory limit was reached" : "the time limit was reached"));
    lua_setfield(L, -2, "message");
    lua_pushstring(L, memory ? "memory" : "time");
    lua_setfield(L, -2, "limit");
    push_where_from(L, where_thread, where_level);
    lua_setfield(L, -2, "where");
    luaL_setmetatable(L, "limn.Error");
}

int shim_raise_limit(lua_State *L, int in_hook) {
    shim_push_limit_error(L, L, in_hook ? 0 : 1);
    /* Keep firing on every instruction of this thread: nothing may run on after a trip. */
    lua_sethook(L, shim_limit_hook, LUA_MASKCOUNT, 1);
    return lua_error(L);
}

void shim_limit_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    shim_state *st = shim_state_of(L);
    __atomic_fetch_add(&st->hook_fires, 1, __ATOMIC_RELAXED);
    if (!st->tripped && over_time(st)) st->tripped = TRIP_TIME;
    if (st->tripped) shim_raise_limit(L, 1);
}

void shim_check_tripped(lua_State *L, int status) {
    shim_state *st = shim_state_of(L);
    if (!st->limits_active) return;
    if (!st->tripped && status == LUA_ERRMEM) st->tripped = TRIP_MEMORY;
    if (st->tripped) shim_raise_limit(L, 0);
}

void shim_set_limits(lua_State *L, size_t memory, double cpu_seconds, const char *memory_message, const char *time_message) {
    shim_state *st = shim_state_of(L);
    st->limit = memory;
    st->cpu_limit = cpu_seconds;
    st->cpu_start = shim_thread_cpu();
    st->limits_active = memory > 0 || cpu_seconds > 0;
    free(st->memory_message);
    free(st->time_message);
    st->memory_message = memory_message ? strdup(memory_message) : NULL;
    st->time_message = time_message ? strdup(time_message) : NULL;
    if (cpu_seconds > 0) {
        lua_sethook(L, shim_limit_hook, LUA_MASKCOUNT, HOOK_COUNT);
        shim_start_watchdog(L);
    }
}

int shim_tripped(lua_State *L) { return shim_state_of(L)->tripped; }

void shim_clear_limits(lua_State *L) {
    shim_state *st = shim_state_of(L);
    shim_stop_watchdog(L);
    __atomic_store_n(&st->guarded, 0, __ATOMIC_RELAXED);
    st->limit = 0;
    st->cpu_limit = 0;
    lua_sethook(L, NULL, 0, 0);
}

void shim_add_external(lua_State *L, long long delta) {
    shim_state *st = shim_state_of(L);
    if (delta < 0 && (size_t)(-delta) > st->external) st->external = 0;
    else st->external += (size_t)delta;
}

int shim_over_memory(lua_State *L) {
    shim_state *st = shim_state_of(L);
    return st->limit && st->used + st->external > st->limit;
}

int shim_resume_guarded(lua_State *co, lua_State *from, int nargs, int *nres) {
    shim_state *st = shim_state_of(co);
    int saved = st->guarded;
    __atomic_store_n(&st->guarded, 1, __ATOMIC_RELAXED);
    int status = lua_resume(co, from, nargs, nres);
    __atomic_store_n(&st->guarded, saved, __ATOMIC_RELAXED);
    return status;
}

/* ---- pcall and xpcall that cannot swallow a tripped limit ---- */

static int finish_protected(lua_State *L, int status, lua_KContext extra) {
    if (status != LUA_OK && status != LUA_YIELD) {
        shim_check_tripped(L, status);
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    shim_check_tripped(L, LUA_OK);
    return lua_gettop(L) - (int)extra;
}

static int guarded_pcall(lua_State *L) {
    luaL_checkany(L, 1);
    lua_pushboolean(L, 1);
    lua_insert(L, 1);
    int status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_protected);
    return finish_protected(L, status, 0);
}

static int guarded_xpcall(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2); /* [f, handler, true, f, args...] */
    int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_protected);
    return finish_protected(L, status, 2);
}

void shim_install_guarded_pcall(lua_State *L) {
    lua_pushcfunction(L, guarded_pcall);
    lua_setglobal(L, "pcall");
    lua_pushcfunction(L, guarded_xpcall);
    lua_setglobal(L, "xpcall");
}

