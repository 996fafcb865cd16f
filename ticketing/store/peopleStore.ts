import type { RedisClient } from '../../common/redisConnection';
import { keyIn } from '../../common/redisKeys';

/**
 * The people who have signed in, by id, as their identity provider last described them (role,
 * name, skills): what a supervisor's reassignment checks the new assignee against. Each person is
 * one key (`{people}` tag); a sign-in rewrites it, so a skill removed at the provider goes with
 * the next sign-in.
 */
export class PeopleStore<P extends { id: string }> {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async remember(person: P): Promise<void> {
    await this.redis.set(this.key(person.id), JSON.stringify(person));
  }

  async get(id: string): Promise<P | undefined> {
    const json = await this.redis.get(this.key(id));
    return json ? (JSON.parse(json) as P) : undefined;
  }

  private key(id: string): string {
    return `${keyIn(this.prefix, 'people')}${id}`;
  }
}
