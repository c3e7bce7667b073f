// Types of scripts/postgres-server.js for the TypeScript test setup.
export declare const PASSWORD_ROLE: string;
export declare const INSTALL_HINT: string;
export declare function findPostgresBinaries(): { initdb: string; pgCtl: string } | undefined;
export declare function startServer(): { url: string; dir: string };
export declare function stopServer(dir: string): void;
