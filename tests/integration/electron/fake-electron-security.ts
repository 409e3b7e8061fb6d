/**
 * The parts of a fake `electron` module that the main process's security setup uses, shared by the
 * main-process tests: a default session that takes the lock-down handlers, and a reversible stand-in for
 * the OS keychain (what it writes is not the plain text).
 */
export const fakeElectronSecurity = {
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
      setDevicePermissionHandler: () => {},
      setDisplayMediaRequestHandler: () => {},
      on: () => {},
    },
  },
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (plain: string) => Buffer.from(`keychain:${plain}`, 'utf8').reverse(),
    decryptString: (encrypted: Buffer) =>
      Buffer.from(encrypted)
        .reverse()
        .toString('utf8')
        .replace(/^keychain:/, ''),
  },
};
