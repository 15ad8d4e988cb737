// The last line of defence for the CPU-time limit.
//
// The count hook runs only between Lua instructions, so one C library call that runs long
// without allocating (string.find with a costly pattern, table.move over a huge range) is never
// interrupted by it. A watchdog thread samples the Lua thread's CPU clock. When the thread is
// past its limit plus a grace second, is inside Lua (not in a Swift binding, so no file is being
// written), and the hook has not fired since the previous sample, the recipe is stuck inside one
// call: the watchdog prints the limit message and ends the process with exit status 1.
#include "CLuaShim.h"
#include "state.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SAMPLE_MS 100
#define GRACE_SECONDS 1.0

typedef struct shim_watchdog {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stop;
    clockid_t clock;        // the Lua thread's CPU clock
    shim_state *st;
} shim_watchdog;

static double clock_seconds(clockid_t clock) {
    struct timespec ts;
    if (clock_gettime(clock, &ts) != 0) return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void end_process(shim_state *st) {
    dprintf(STDERR_FILENO, "%s\n", st->stuck_message ? st->stuck_message : "limn: limit: the recipe ran past its time limit");
    _exit(1);
}

void shim_set_stuck_message(lua_State *L, const char *message) {
    shim_state *st = shim_state_of(L);
    free(st->stuck_message);
    st->stuck_message = message ? strdup(message) : NULL;
}

static void *watch(void *arg) {
    shim_watchdog *w = arg;
    shim_state *st = w->st;
    unsigned last_fires = __atomic_load_n(&st->hook_fires, __ATOMIC_RELAXED);
    double stuck_since = -1;
    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += SAMPLE_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) { until.tv_sec += 1; until.tv_nsec -= 1000000000L; }
        int r = pthread_cond_timedwait(&w->wake, &w->lock, &until);
        if (w->stop) break;
        if (r != ETIMEDOUT && r != 0) continue;
        double used = clock_seconds(w->clock) - st->cpu_start;
        unsigned fires = __atomic_load_n(&st->hook_fires, __ATOMIC_RELAXED);
        int in_lua = __atomic_load_n(&st->guarded, __ATOMIC_RELAXED);
        if (used > st->cpu_limit && in_lua && fires == last_fires) {
            if (stuck_since < 0) stuck_since = used;
            else if (used - stuck_since >= GRACE_SECONDS) end_process(st);
        } else {
            stuck_since = -1;
        }
        last_fires = fires;
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

void shim_start_watchdog(lua_State *L) {
    shim_state *st = shim_state_of(L);
    if (st->watchdog || st->cpu_limit <= 0) return;
    shim_watchdog *w = calloc(1, sizeof(shim_watchdog));
    if (!w) return;
    w->st = st;
    if (pthread_getcpuclockid(pthread_self(), &w->clock) != 0) { free(w); return; }
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, watch, w) != 0) {
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->wake);
        free(w);
        return;
    }
    st->watchdog = w;
}

void shim_stop_watchdog(lua_State *L) {
    shim_state *st = shim_state_of(L);
    shim_watchdog *w = st->watchdog;
    if (!w) return;
    pthread_mutex_lock(&w->lock);
    w->stop = 1;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake);
    free(w);
    st->watchdog = NULL;
}
