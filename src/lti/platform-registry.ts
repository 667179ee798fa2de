import { AppError } from '../shared/errors.js';
import type { Registration, RegistrationInput, RegistrationStatus, RegistrationStore } from './ports.js';
import type { ToolKeys } from './tool-keys.js';

export interface RegisterPlatformInput extends Omit<RegistrationInput, 'status'> {
  authorizationServer?: string | null;
  deploymentIds: string[];
  status?: RegistrationStatus;
}

/** Registrations (the tool's own tables) and the tool key each one signs with. */
export function createPlatformRegistry(store: RegistrationStore, keys: ToolKeys) {
  async function requireRegistration(id: string): Promise<Registration> {
    const registration = await store.findById(id);
    if (!registration) {
      throw new AppError('REGISTRATION_NOT_FOUND', 404, `No registration with id ${id}.`);
    }
    return registration;
  }

  return {
    list: () => store.list(),

    /** Adds or updates a registration; its key pair is generated off the event loop. */
    async registerPlatform(input: RegisterPlatformInput): Promise<Registration> {
      const existing = await store.find(input.issuer, input.clientId);
      const status = existing?.status ?? input.status ?? 'active';
      const { deploymentIds, ...fields } = input;
      const saved = await store.save({ ...fields, status }, deploymentIds);
      await keys.ensureKey(saved.id);
      return saved;
    },

    /** Adds a registration that must be new (Dynamic Registration): undefined when it exists. */
    async registerNewPlatform(input: RegisterPlatformInput): Promise<Registration | undefined> {
      const { deploymentIds, ...fields } = input;
      const saved = await store.saveNew({ ...fields, status: input.status ?? 'active' }, deploymentIds);
      if (saved) await keys.ensureKey(saved.id);
      return saved;
    },

    async setStatus(id: string, status: RegistrationStatus): Promise<Registration> {
      const registration = await requireRegistration(id);
      await store.setStatus(id, status);
      return { ...registration, status };
    },

    async removeDeployment(id: string, deploymentId: string): Promise<void> {
      await requireRegistration(id);
      if (!(await store.removeDeployment(id, deploymentId))) {
        throw new AppError('DEPLOYMENT_NOT_FOUND', 404, `Registration ${id} has no deployment ${deploymentId}.`);
      }
    },

    async removePlatform(id: string): Promise<Registration> {
      const registration = await requireRegistration(id);
      await store.remove(id);
      return registration;
    },

    /** A new signing key; the old one stays published for `overlapHours`. */
    async rotateKey(id: string, overlapHours = 72): Promise<string> {
      await requireRegistration(id);
      return keys.rotate(id, overlapHours);
    },
  };
}

export type PlatformRegistry = ReturnType<typeof createPlatformRegistry>;
