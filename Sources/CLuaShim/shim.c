#include "CLuaShim.h"
#include "state.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

static shim_dispatch_fn g_dispatch = NULL;

void shim_set_dispatcher(shim_dispatch_fn fn) { g_dispatch = fn; }

/* Raises the value on top of the stack after Swift has returned. Strings get the
   caller's position prepended, as luaL_error does; error tables get it in `where`. */
static int raise_top(lua_State *L) {
    if (lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    } else if (lua_type(L, -1) == LUA_TTABLE) {
        lua_pushliteral(L, "where");
        lua_rawget(L, -2);
        int has = !lua_isnil(L, -1);
        lua_pop(L, 1);
        if (!has) {
            lua_pushliteral(L, "where");
            luaL_where(L, 1);
            lua_rawset(L, -3);
        }
    }
    return lua_error(L);
}

/* Resumed after a binding yielded: the resume values are (true, results...) or
   (false, error). Raise the error here, in C, or return the results. */
static int resume_cont(lua_State *L, int status, lua_KContext ctx) {
    (void)status;
    int base = (int)ctx;
    int n = lua_gettop(L) - base;
    if (n >= 1 && lua_type(L, base + 1) == LUA_TBOOLEAN && !lua_toboolean(L, base + 1)) {
        lua_pushvalue(L, base + 2);
        if (n >= 3 && lua_toboolean(L, base + 3)) return lua_error(L); /* rethrow as is */
        return raise_top(L);
    }
    return n > 0 ? n - 1 : 0;
}

static int trampoline(lua_State *L) {
    void *callable = lua_touserdata(L, lua_upvalueindex(1));
    shim_state *st = shim_state_of(L);
    if (st->tripped) return shim_raise_limit(L, 0); /* after a limit, no binding runs */
    int guarded = st->guarded;
    __atomic_store_n(&st->guarded, 0, __ATOMIC_RELAXED); /* Swift's pushes never fail */
    int n = g_dispatch(L, callable); /* Swift runs and returns here */
    __atomic_store_n(&st->guarded, guarded, __ATOMIC_RELAXED);
    if (n >= 0) return n;
    if (n == SHIM_ERROR) return raise_top(L);
    if (n == SHIM_RETHROW) return lua_error(L);
    int nyield = SHIM_YIELD_BASE - n;
    int base = lua_gettop(L) - nyield;
    return lua_yieldk(L, nyield, (lua_KContext)base, resume_cont);
}

void shim_pushswiftfunction(lua_State *L, void *callable) {
    lua_pushlightuserdata(L, callable);
    lua_pushcclosure(L, trampoline, 1);
}

/* ---- state, allocator, panic ---- */

static int panic_handler(lua_State *L) {
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "limn: unprotected Lua error: %s\n", msg ? msg : "(not a string)");
    abort();
    return 0;
}

/* Lua's warn(): off until "@on", like the standalone interpreter; "Lua warning: " on stderr. */
static void warn_continue(void *ud, const char *msg, int tocont);
static void warn_start(void *ud, const char *msg, int tocont);

static void warn_off(void *ud, const char *msg, int tocont) {
    lua_State *L = (lua_State *)ud;
    if (!tocont && msg[0] == '@') {
        if (strcmp(msg, "@on") == 0) lua_setwarnf(L, warn_start, L);
        return;
    }
}

static void warn_continue(void *ud, const char *msg, int tocont) {
    lua_State *L = (lua_State *)ud;
    fputs(msg, stderr);
    if (tocont) {
        lua_setwarnf(L, warn_continue, L);
    } else {
        fputs("\n", stderr);
        lua_setwarnf(L, warn_start, L);
    }
}

static void warn_start(void *ud, const char *msg, int tocont) {
    lua_State *L = (lua_State *)ud;
    if (!tocont && msg[0] == '@') {
        if (strcmp(msg, "@off") == 0) lua_setwarnf(L, warn_off, L);
        return;
    }
    fputs("Lua warning: ", stderr);
    warn_continue(ud, msg, tocont);
}

lua_State *shim_newstate(void) {
    shim_state *st = calloc(1, sizeof(shim_state));
    if (!st) abort();
    lua_State *L = lua_newstate(shim_alloc, st);
    if (!L) abort();
    lua_atpanic(L, panic_handler);
    lua_setwarnf(L, warn_off, L);
    shim_clear_extra(L);
    return L;
}

void shim_close(lua_State *L) {
    shim_state *st = shim_state_of(L);
    shim_clear_limits(L);
    lua_close(L);
    free(st->memory_message);
    free(st->time_message);
    free(st->stuck_message);
    free(st);
}

size_t shim_allocated(lua_State *L) { return shim_state_of(L)->used; }

static int traceback_handler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            msg = lua_tostring(L, -1);
        else
            msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int shim_pcall_traceback(lua_State *L, int nargs, int nresults) {
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, traceback_handler);
    lua_insert(L, base);
    int status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    return status;
}

int shim_loadbuffer(lua_State *L, const char *buf, size_t len, const char *chunkname, int textonly) {
    return luaL_loadbufferx(L, buf, len, chunkname, textonly ? "t" : "bt");
}

static int openlibs(lua_State *L) {
    luaL_openlibs(L);
    return 0;
}

int shim_openlibs(lua_State *L) {
    lua_pushcfunction(L, openlibs);
    return lua_pcall(L, 0, 0, 0);
}

void shim_traceback(lua_State *L, lua_State *co, const char *msg, int level) {
    luaL_traceback(L, co, msg, level);
}

int shim_resetthread(lua_State *co) { return lua_resetthread(co); }

/* ---- macro wrappers ---- */

int shim_registryindex(void) { return LUA_REGISTRYINDEX; }
int shim_upvalueindex(int i) { return lua_upvalueindex(i); }
void shim_pop(lua_State *L, int n) { lua_pop(L, n); }
void shim_newtable(lua_State *L) { lua_newtable(L); }
const char *shim_tolstring(lua_State *L, int i, size_t *len) { return lua_tolstring(L, i, len); }
void shim_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
void shim_insert(lua_State *L, int idx) { lua_insert(L, idx); }
void shim_remove(lua_State *L, int idx) { lua_remove(L, idx); }
void shim_replace(lua_State *L, int idx) { lua_replace(L, idx); }
int shim_isnoneornil(lua_State *L, int idx) { return lua_isnoneornil(L, idx); }
int shim_gc_step(lua_State *L, int kilobytes) { return lua_gc(L, LUA_GCSTEP, kilobytes); }
int shim_gc_collect(lua_State *L) { return lua_gc(L, LUA_GCCOLLECT); }
int shim_gc_count_kb(lua_State *L) { return lua_gc(L, LUA_GCCOUNT); }

/* ---- userdata over one retained Swift pointer ---- */

void shim_pushobject(lua_State *L, void *p, const char *tname) {
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *), 0);
    *slot = p;
    luaL_setmetatable(L, tname);
}

void *shim_toobject(lua_State *L, int i, const char *tname) {
    void **slot = (void **)luaL_testudata(L, i, tname);
    return slot ? *slot : NULL;
}

void *shim_takeobject(lua_State *L, int i) {
    void **slot = (void **)lua_touserdata(L, i);
    if (!slot) return NULL;
    void *p = *slot;
    *slot = NULL;
    return p;
}

void shim_tune_allocator(size_t mmap_threshold, size_t trim_threshold) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, (int)mmap_threshold);
    mallopt(M_TRIM_THRESHOLD, (int)trim_threshold);
#else
    (void)mmap_threshold;
    (void)trim_threshold;
#endif
}

/* The recipe position of the function at `level` ("recipe.lua:12"), as luaL_where finds it,
   written into `buf`; 0 when that level has no line. Allocates nothing and never raises. */
int shim_where(lua_State *L, int level, char *buf, size_t size) {
    lua_Debug ar;
    if (size == 0 || !lua_getstack(L, level, &ar) || !lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) return 0;
    snprintf(buf, size, "%s:%d", ar.short_src, ar.currentline);
    return 1;
}
