#ifndef BRIGHTSPOTS_ATOMIC_SWAP_H
#define BRIGHTSPOTS_ATOMIC_SWAP_H

/* Atomically exchanges two existing paths (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np RENAME_SWAP).
   Returns 0 on success, -1 with errno set otherwise (ENOSYS or EINVAL where the file system cannot). */
int brightspots_exchange_paths(const char *first, const char *second);

#endif
