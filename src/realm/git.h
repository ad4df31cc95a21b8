/* git.h - the few git operations realms need, run as the `git` program
 * (ftlc-realm(1), GIT).
 *
 *   FtlGit g;
 *   ftl_git_init(&g, "bank", "https://example.com/bank.git", 120);
 *   if (ftl_git_head(&g, "main", commit) == 0 && ftl_git_fetch(&g, commit, "main") == 0)
 *       rc = ftl_git_read(&g, commit, "ftl-external-schema.txtpb", &data, &len);
 *   ... on failure g.err holds the one-line message
 *   ftl_git_free(&g);                            // removes the temporary repository
 *
 * Safety: git is started with an argument vector (never a shell) and `--` before
 * every user-supplied value; repositories that git could take for an option or
 * that name a remote helper ('ext::' runs commands) are refused before anything
 * runs (ftl_git_refuse_repo), and git itself is told to allow only the file, git,
 * http(s) and ssh protocols. Git never asks anything: its standard input is
 * /dev/null, it runs in a session of its own (no terminal to prompt on), with
 * GIT_TERMINAL_PROMPT=0, no askpass program and no credential helpers, and ssh in
 * batch mode unless GIT_SSH or GIT_SSH_COMMAND say otherwise. Variables that would
 * point git at another repository (GIT_DIR, GIT_INDEX_FILE, ...: set when ftlc runs
 * from a git hook) are removed. Every run has a time limit; SIGINT, SIGTERM and
 * SIGHUP during a run stop git and remove the temporary repository before they
 * take effect.
 */
#ifndef FTLC_GIT_H
#define FTLC_GIT_H

#include <stddef.h>

/* A commit id: 40 (SHA-1) or 64 (SHA-256) hex digits and a NUL. */
#define FTL_GIT_COMMIT_MAX 65

typedef struct FtlGit {
    const char *realm; /* for messages; NULL while the realm's name is not known */
    const char *repo;
    int timeout;    /* seconds allowed for each git run */
    char *dir;      /* the temporary bare repository, made by the first fetch */
    char *top;      /* ftl_git_init_here: the work tree's top folder (NULL until needed) */
    int here;       /* git runs in the current directory's repository */
    char err[1024]; /* after a failure: one line naming the realm, the repository
                       and git's own message */
} FtlGit;

/* Why repo must not be given to git (a static sentence), or NULL when it may. */
const char *ftl_git_refuse_repo(const char *repo);
/* Why branch is not a branch name git accepts, or NULL. */
const char *ftl_git_refuse_branch(const char *branch);
/* True for 40 or 64 lower-case hex digits. */
int ftl_git_is_commit(const char *s);
/* True when git takes repo for a path on this machine (not a URL, not host:path). */
int ftl_git_is_local_path(const char *repo);

void ftl_git_init(FtlGit *g, const char *realm, const char *repo, int timeout);
/* Removes the temporary repository. */
void ftl_git_free(FtlGit *g);

/* The repository of the current directory, read at a revision (ftlc breaking
 * --against-git): git runs in the current directory; nothing is fetched or removed. */
void ftl_git_init_here(FtlGit *g, int timeout);
/* The commit that rev names in the current directory's repository. Returns 0, or -1
 * with g->err (no repository, unknown revision, rev beginning with '-'). */
int ftl_git_resolve(FtlGit *g, const char *rev, char commit[FTL_GIT_COMMIT_MAX]);
/* The file at path (relative to the current directory, or absolute inside the work
 * tree) in commit of the current directory's repository, malloc'd with one spare
 * byte. Returns 0, 1 when the commit has no file there, or -1 with g->err. */
int ftl_git_show(FtlGit *g, const char *commit, const char *path, char **data, size_t *len);

/* The commit at the head of branch (git ls-remote). Returns 0, or -1 with g->err. */
int ftl_git_head(FtlGit *g, const char *branch, char commit[FTL_GIT_COMMIT_MAX]);
/* Fetches commit into the temporary repository: by its id, at depth 1, or when
 * the server does not serve commits by id, the whole of branch (if not NULL).
 * Returns 0, or -1 with g->err. */
int ftl_git_fetch(FtlGit *g, const char *commit, const char *branch);
/* The file at path in a fetched commit, malloc'd with one spare byte. Returns 0,
 * 1 when the commit has no file at path, 2 when path is a directory, or -1
 * with g->err. */
int ftl_git_read(FtlGit *g, const char *commit, const char *path, char **data, size_t *len);

#endif
