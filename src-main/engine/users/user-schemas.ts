import { z } from 'zod';

const optionalText = (max: number) =>
  z.string({ error: 'must be a string' }).max(max, `must be at most ${max} characters`).nullish();

export const loginSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[^\s@]+$/, 'may not contain spaces or @');
export const emailSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('is not a valid e-mail address'));
export const passwordSchema = z
  .string({ error: 'must be a string' })
  .min(8, 'must be at least 8 characters')
  .max(128, 'must be at most 128 characters');

const profileFields = {
  full_name: optionalText(200),
  phone: optionalText(50),
  website: optionalText(500),
  external_user_id: z
    .union([z.int(), z.string().regex(/^\d{1,15}$/)], { error: 'must be an integer' })
    .transform((v) => Number(v))
    .nullish(),
  custom_data: optionalText(10_000),
  // ConnectyCube spells the input `tag_list` and echoes `user_tags`.
  tag_list: optionalText(1_000),
  timezone: optionalText(64),
};

export const signUpSchema = z
  .object({
    login: loginSchema.optional(),
    email: emailSchema.optional(),
    password: passwordSchema,
    ...profileFields,
  })
  .refine((u) => u.login !== undefined || u.email !== undefined, {
    path: ['login'],
    message: 'login or email is required',
  });

export const updateUserSchema = z.object({
  login: loginSchema.optional(),
  email: emailSchema.optional(),
  password: passwordSchema.optional(),
  old_password: z.string({ error: 'must be a string' }).max(128).optional(),
  ...profileFields,
});

export const credentialsSchema = z
  .object({
    login: z.string({ error: 'must be a string' }).min(1, 'is required').max(254).optional(),
    email: z.string({ error: 'must be a string' }).min(1, 'is required').max(254).optional(),
    password: z.string({ error: 'must be a string' }).min(1, 'is required').max(128),
  })
  .refine((c) => c.login !== undefined || c.email !== undefined, {
    path: ['login'],
    message: 'login or email is required',
  });

export const guestSchema = z.object({
  guest: z.union([z.literal('1'), z.literal(1), z.literal(true)], { error: 'must be "1"' }),
  full_name: z.string({ error: 'must be a string' }).trim().min(1, 'is required').max(200),
});

export type SignUpInput = z.output<typeof signUpSchema>;
export type UpdateUserInput = z.output<typeof updateUserSchema>;
export type Credentials = z.output<typeof credentialsSchema>;
