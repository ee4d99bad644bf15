// The deployment files: no Docker engine runs here, so the compose topology is tested with processes
// (cluster.test.ts) and these files are checked for what that topology needs: Redis, PostgreSQL,
// two or more game servers built from the Dockerfile, each advertising its own address, which the
// proxy routes to it, and health checks everywhere.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configFromEnv } from "../../server/config.ts";
import { projectRoot, serverNodeFlags } from "../helpers/fixtures.ts";

interface Service {
  image?: string;
  build?: { context: string; target?: string };
  ports?: string[];
  expose?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  command?: string[];
}

const read = (file: string) => readFileSync(join(projectRoot, file), "utf8");
const compose = parse(read("docker-compose.yml"), { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const services = compose.services;
const games = Object.entries(services).filter(([, s]) => s.build?.target === "server");
/** ${NAME:-default} as docker compose expands it with nothing set. */
const expand = (value: string) => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, "$1");

describe("docker-compose.yml", () => {
  it("runs Redis and PostgreSQL with health checks", () => {
    expect(services.redis?.image).toMatch(/^redis:\d/);
    expect(services.redis?.healthcheck?.test).toContain("redis-cli");
    expect(services.postgres?.image).toMatch(/^postgres:\d/);
    expect(services.postgres?.healthcheck?.test.join(" ")).toContain("pg_isready");
    expect(services.postgres?.environment).toMatchObject({ POSTGRES_USER: "accord", POSTGRES_DB: "accord" });
  });

  it("runs two or more game servers from the Dockerfile, each with a valid configuration and its own public address", () => {
    expect(games.length).toBeGreaterThanOrEqual(2);
    const addresses = new Set<string>();
    for (const [name, s] of games) {
      expect(s.build?.context, name).toBe(".");
      expect(s.healthcheck?.test.join(" "), name).toContain("/healthz");
      expect(s.depends_on, name).toMatchObject({ redis: { condition: "service_healthy" }, postgres: { condition: "service_healthy" } });
      expect(s.ports, `${name} is reached only through the proxy`).toBeUndefined();
      const env = Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, expand(String(v))]));
      // The server itself accepts this environment.
      const config = configFromEnv(env);
      expect(config.redisUrl, name).toBe("redis://redis:6379");
      const db = new URL(config.databaseUrl);
      expect(db.hostname).toBe("postgres");
      expect(db.username).toBe(services.postgres!.environment!.POSTGRES_USER);
      expect(decodeURIComponent(db.password)).toBe(expand(services.postgres!.environment!.POSTGRES_PASSWORD!));
      expect(db.pathname).toBe(`/${services.postgres!.environment!.POSTGRES_DB}`);
      expect(config.publicAddress).toBe(`localhost:8080/${name}`);
      expect(config.host).toBe("0.0.0.0");
      // Reached only through the proxy: its forwarded headers name the client.
      expect(config.trustProxy, name).toBe(true);
      addresses.add(config.publicAddress);
    }
    expect(addresses.size).toBe(games.length);
  });

  it("puts a proxy in front, on a published port, after the game servers are healthy", () => {
    const proxy = services.proxy!;
    expect(proxy.build).toEqual({ context: ".", target: "proxy" });
    expect(proxy.ports).toEqual(["8080:80"]);
    expect(proxy.healthcheck?.test.join(" ")).toContain("proxy-health");
    for (const [name] of games) expect(proxy.depends_on?.[name]).toEqual({ condition: "service_healthy" });
  });
});

describe("the proxy configuration (deploy/nginx.conf)", () => {
  const nginx = read("deploy/nginx.conf");

  it("routes each game server's public address prefix to that server, with WebSocket upgrades", () => {
    for (const [name] of games) {
      const block = new RegExp(`location /${name}/ \\{([^}]*)\\}`).exec(nginx)?.[1];
      expect(block, `location /${name}/`).toBeDefined();
      expect(block).toContain(`proxy_pass http://${name}:2567/;`);
      expect(block).toContain("proxy_set_header Upgrade $http_upgrade;");
      expect(block).toContain("proxy_set_header Connection $connection_upgrade;");
    }
  });

  it("names the client to the game servers in every location that reaches them, WebSockets included", () => {
    const locations = [...nginx.matchAll(/location ([^{]*)\{([^}]*)\}/g)].filter((m) => m[2]!.includes("proxy_pass"));
    expect(locations.length).toBeGreaterThanOrEqual(games.length + 2);
    for (const [, where, block] of locations) expect(block, `location ${where!.trim()}`).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
  });

  it("spreads the API and matchmaking over every game server and serves the client itself", () => {
    const upstream = /upstream game_servers \{([^}]*)\}/.exec(nginx)?.[1] ?? "";
    for (const [name] of games) expect(upstream).toContain(`server ${name}:2567`);
    expect(nginx).toMatch(/location ~ \^\/\(api\|matchmake\|healthz\)[^{]*\{[^}]*proxy_pass http:\/\/game_servers;/);
    expect(nginx).toMatch(/location \/ \{ try_files \$uri \/index\.html; \}/);
    expect(nginx).not.toMatch(/location[^{]*metrics/);
  });

  it("has the game servers answer the service worker, which the built client does not hold", () => {
    // Without it, /sw.js falls back to index.html and no browser can subscribe to notifications.
    expect(nginx).toMatch(/location = \/sw\.js \{[^}]*proxy_pass http:\/\/game_servers;/);
    expect(read("Dockerfile")).toMatch(/^COPY client\/sw\.js \.\/client\/sw\.js$/m);
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const stages = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?/gm)].map((m) => ({ from: m[1], name: m[2] }));

  it("builds in stages: production dependencies, the client, a non-root server and the proxy", () => {
    expect(stages.map((s) => s.name)).toEqual(["deps", "build", "server", "proxy"]);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const server = dockerfile.slice(dockerfile.indexOf("AS server"), dockerfile.indexOf("AS proxy"));
    expect(server).toMatch(/^USER node$/m);
    expect(server).toContain("COPY --from=deps /app/node_modules ./node_modules");
    expect(server).not.toMatch(/COPY --from=build \/app\/node_modules/);
    expect(server).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    // The server runs with `npm start`'s Node flags.
    expect(server).toContain(`CMD ${JSON.stringify(["node", ...serverNodeFlags, "bin/server.js"]).replaceAll(",", ", ")}`);
    // The server runs from its esbuild bundle, built in the image (the node user cannot write /app);
    // esbuild and tsx (its fallback, and the CLI's loader) must be production dependencies.
    expect(server).toMatch(/^RUN node bin\/build-server\.js$/m);
    expect(server.indexOf("RUN node bin/build-server.js")).toBeLessThan(server.indexOf("USER node"));
    const pkg = JSON.parse(read("package.json")) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.esbuild).toBeDefined();
    expect(pkg.dependencies.tsx).toBeDefined();
    expect(pkg.dependencies.pg).toBeDefined();
    expect(pkg.dependencies["@colyseus/redis-presence"]).toBeDefined();
  });
});
