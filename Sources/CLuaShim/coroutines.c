// The coroutine library as a recipe sees it: exactly Lua's, with the host's own coroutines
// invisible. Every task (the recipe's main chunk, each limn.spawn) runs as a coroutine the
// scheduler resumes; to the recipe a task looks like Lua's main thread: `coroutine.running()`
// says it is the main one, it cannot yield, and nobody can resume or close it.
//
// A binding waiting for the host (a call, a sleep, a task) yields a marker value. When that
// happens inside the recipe's own coroutine, `resume` and `wrap` pass the wait up to the
// task, and the answer back down, so calls work inside coroutines too. While it waits, such
// a coroutine counts as active ("normal"): it cannot be resumed by anyone else.
//
// Each thread's extra space says what it is: NULL (Lua's main thread, or a coroutine not
// resuming anyone), the task tag, or the thread that is resuming it right now.
#include "CLuaShim.h"
#include "state.h"
#include <string.h>

static char task_tag;

static void **extra(lua_State *co) { return (void **)lua_getextraspace(co); }
static int is_task(lua_State *co) { return *extra(co) == &task_tag; }

void shim_mark_task(lua_State *co) { *extra(co) = &task_tag; }
void shim_clear_extra(lua_State *L) { *extra(L) = NULL; }

int shim_can_wait(lua_State *L) {
    lua_State *t = L;
    for (int depth = 0; depth < 10000; depth++) {
        if (!lua_isyieldable(t)) return 0;
        void *x = *extra(t);
        if (x == &task_tag) return 1;
        if (x == NULL) return 0;
        t = (lua_State *)x;
    }
    return 0;
}

static int finished(lua_State *co) {
    lua_Debug ar;
    int s = lua_status(co);
    if (s != LUA_OK && s != LUA_YIELD) return 1;
    return s == LUA_OK && !lua_getstack(co, 0, &ar) && lua_gettop(co) == 0;
}

static const char *status_of(lua_State *L, lua_State *co) {
    if (L == co) return "running";
    if (is_task(co)) return finished(co) ? "dead" : "normal";
    if (*extra(co) != NULL) return "normal";
    switch (lua_status(co)) {
    case LUA_YIELD:
        return "suspended";
    case LUA_OK: {
        lua_Debug ar;
        if (lua_getstack(co, 0, &ar)) return "normal";
        return lua_gettop(co) == 0 ? "dead" : "suspended";
    }
    default:
        return "dead";
    }
}

static lua_State *check_thread(lua_State *L, int arg) {
    lua_State *co = lua_tothread(L, arg);
    luaL_argexpected(L, co != NULL, arg, "thread");
    return co;
}

static int drive(lua_State *L, int wrap, int nargs, int relaying);

/* Back from a relayed host wait: the resume values go down to the coroutine. */
static int relay_continue(lua_State *L, int status, lua_KContext ctx) {
    (void)status;
    int wrap = (int)ctx;
    return drive(L, wrap, lua_gettop(L) - (wrap ? 0 : 1), 1);
}

/* A failed resume: `resume` returns false and the error; `wrap` raises it, after closing the
   coroutine's pending to-be-closed variables, with the caller's position for a string. */
static int fail(lua_State *L, lua_State *co, int wrap, int from_co) {
    if (!wrap) {
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    int stat = LUA_OK;
    if (from_co) {
        stat = lua_status(co);
        if (stat != LUA_OK && stat != LUA_YIELD) {
            lua_pop(L, 1);
            stat = lua_resetthread(co);
            lua_xmove(co, L, 1);
        }
    }
    if (stat != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

/* Resumes the coroutine (argument 1 for resume, upvalue 1 for wrap) with the top `nargs`
   values of L, relaying host waits upward (`relaying`: back from one, carrying its answer). */
static int drive(lua_State *L, int wrap, int nargs, int relaying) {
    lua_State *co = wrap ? lua_tothread(L, lua_upvalueindex(1)) : lua_tothread(L, 1);
    if (!relaying && co != L && (is_task(co) || *extra(co) != NULL)) {
        lua_pop(L, nargs);
        lua_pushliteral(L, "cannot resume non-suspended coroutine");
        return fail(L, co, wrap, 0);
    }
    if (!lua_checkstack(co, nargs)) {
        lua_pop(L, nargs);
        lua_pushliteral(L, "too many arguments to resume");
        return fail(L, co, wrap, 0);
    }
    lua_xmove(L, co, nargs);
    if (co != L) *extra(co) = L;
    int nres = 0;
    int status = lua_resume(co, L, nargs, &nres);
    if (status == LUA_YIELD && nres >= 1 && lua_touserdata(co, -nres) == shim_state_of(L)->pending
        && lua_type(co, -nres) == LUA_TLIGHTUSERDATA && lua_checkstack(L, nres)) {
        lua_xmove(co, L, nres);
        return lua_yieldk(L, nres, (lua_KContext)wrap, relay_continue);
    }
    if (co != L) *extra(co) = NULL;
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, nres + 1)) {
            lua_pop(co, nres);
            lua_pushliteral(L, "too many results to resume");
            return fail(L, co, wrap, 0);
        }
        if (!wrap) lua_pushboolean(L, 1);
        lua_xmove(co, L, nres);
        shim_check_tripped(L, LUA_OK);
        return wrap ? nres : nres + 1;
    }
    shim_check_tripped(L, status);
    lua_xmove(co, L, 1);
    return fail(L, co, wrap, 1);
}

static int co_resume(lua_State *L) {
    check_thread(L, 1);
    return drive(L, 0, lua_gettop(L) - 1, 0);
}

static int co_wrapped(lua_State *L) { return drive(L, 1, lua_gettop(L), 0); }

static int co_wrap(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_pushcclosure(L, co_wrapped, 1);
    return 1;
}

static int co_running(lua_State *L) {
    int ismain = lua_pushthread(L);
    lua_pushboolean(L, ismain || is_task(L));
    return 2;
}

static int co_isyieldable(lua_State *L) {
    lua_State *co = lua_isnone(L, 1) ? L : check_thread(L, 1);
    lua_pushboolean(L, !is_task(co) && lua_isyieldable(co));
    return 1;
}

static int co_yield(lua_State *L) {
    if (is_task(L)) {
        lua_pushliteral(L, "attempt to yield from outside a coroutine");
        return lua_error(L);
    }
    return lua_yield(L, lua_gettop(L));
}

static int co_status(lua_State *L) {
    lua_State *co = check_thread(L, 1);
    lua_pushstring(L, status_of(L, co));
    return 1;
}

static int co_close(lua_State *L) {
    lua_State *co = check_thread(L, 1);
    const char *status = status_of(L, co);
    if (strcmp(status, "dead") != 0 && strcmp(status, "suspended") != 0)
        return luaL_error(L, "cannot close a %s coroutine", status);
    if (lua_resetthread(co) == LUA_OK) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushboolean(L, 0);
    lua_xmove(co, L, 1);
    return 2;
}

static int install(lua_State *L) {
    static const luaL_Reg functions[] = {
        {"resume", co_resume}, {"wrap", co_wrap}, {"running", co_running}, {"isyieldable", co_isyieldable},
        {"yield", co_yield}, {"status", co_status}, {"close", co_close}, {NULL, NULL},
    };
    lua_getglobal(L, "coroutine");
    luaL_setfuncs(L, functions, 0);
    return 0;
}

int shim_install_coroutines(lua_State *L, void *pending) {
    shim_state_of(L)->pending = pending;
    lua_pushcfunction(L, install);
    return lua_pcall(L, 0, 0, 0);
}
