/**
 * Passwords that top every leaked-password list, plus the ones Russian speakers reach for: keyboard rows in the
 * Russian layout (йцукен), Russian words typed in the Latin layout (gfhjkm = «пароль», ghbdtn = «привет»), and
 * Latin keyboard walks (1q2w3e4r). NIST SP 800-63B asks to refuse such "commonly used" passwords instead of
 * imposing composition rules. Stored lower-case; compared case-insensitively.
 */
const COMMON_PASSWORDS = [
  // Latin: digits, keyboard walks and words
  '12345678', '123456789', '1234567890', '12345678910', '123123123', '123456123', '11111111', '111111111',
  '1111111111', '00000000', '000000000', '0000000000', '22222222', '55555555', '66666666', '77777777',
  '88888888', '99999999', '12341234', '11223344', '112233445566', '12121212', '13131313', '01234567',
  '87654321', '987654321', '9876543210', '147258369', '741852963', '963852741', '159753159', '123654789',
  '12344321', '123qweasd', '123qweasdzxc', 'qweasdzxc', 'qweasd123', 'qwerty', 'qwerty12', 'qwerty123',
  'qwerty1234', 'qwerty12345', 'qwerty123456', 'qwertyui', 'qwertyuiop', 'qwertyuiop123', 'qwer1234',
  'asdfghjkl', 'asdfghjk', 'asdf1234', 'asdfasdf', 'zxcvbnm', 'zxcvbnm123', 'zxcvbnm1', 'zaq12wsx',
  'zaq1zaq1', 'zaq1xsw2', '1qaz2wsx', '1qaz2wsx3edc', '1qazxsw2', 'qazwsxedc', 'qazwsx123', 'qazwsxedcrfv',
  '1q2w3e', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e4r5t6y', '1q2w3e4r5', 'q1w2e3r4', 'q1w2e3r4t5', 'q1w2e3r4t5y6',
  'q1q1q1q1', 'a1b2c3d4', 'abc12345', 'abcd1234', 'abcdefgh', 'abcdef123', '1a2b3c4d', 'aa123456',
  'password', 'password1', 'password12', 'password123', 'password1234', 'passw0rd', 'p@ssw0rd', 'p@ssword',
  'pa$$w0rd', 'passpass', 'pass1234', 'mypassword', 'newpassword', 'changeme', 'changeme123', 'letmein',
  'letmein123', 'welcome', 'welcome1', 'welcome123', 'iloveyou', 'iloveyou1', 'iloveyou2', 'sunshine',
  'sunshine1', 'princess', 'princess1', 'football', 'football1', 'baseball', 'basketball', 'superman',
  'batman123', 'starwars', 'trustno1', 'whatever', 'computer', 'internet', 'master123', 'masterkey',
  'michael1', 'jennifer', 'jordan23', 'liverpool', 'chelsea1', 'arsenal1', 'manchester', 'barcelona',
  'dragon123', 'monkey123', 'shadow123', 'freedom1', 'whatever1', 'charlie1', 'blink182', 'pokemon1',
  'minecraft', 'minecraft1', 'fortnite', 'admin123', 'admin1234', 'administrator', 'root1234', 'toor1234',
  'test1234', 'testtest', 'test12345', 'guest123', 'user1234', 'login123', 'secret123', 'default1',
  'access14', 'q1w2e3r4t5y6u7', 'samsung1', 'samsung123', 'google123', 'yandex123', 'mail1234',
  'andrey123', 'alexander', 'alexandr', 'aleksandr', 'sergey123', 'dmitriy', 'vladimir', 'natasha1',
  'tatyana1', 'svetlana', 'ekaterina', 'anastasia', 'kristina', 'valentina', 'nikolay1', 'maksim123',
  'moscow123', 'russia123', 'rossiya1', 'spartak1', 'zenit123', 'cska1234', 'lokomotiv', 'dinamo123',
  'marina123', 'olga1234', 'elena123', 'irina123', 'natalia1', 'victoria', 'snoopy12', 'killer123',
  'love1234', 'lovelove', 'loveyou1', 'iloveu123', 'forever1', 'happy123', 'hello123', 'helloworld',
  'qwaszx12', 'asdzxc123', '123abc123', 'abc123abc', '147852369', '1q2w3e4r5t6y7u', 'qwertyqwerty',
  // Russian words typed in the Latin layout
  'gfhjkm', 'gfhjkm123', 'gfhjkm12', 'gfhjkmgfhjkm', 'ghbdtn', 'ghbdtn123', 'ghbdtnvbh', 'vfrcbv123',
  'yfnfif123', 'fktrcfylh', 'fktrcfylh1', 'fktrctq123', 'cthutq123', 'lbvjy123', 'ktyjxrf', 'rjnjgtc',
  'vjcrdf123', 'hjccbz123', 'cjkysirj', 'kexibq', 'ntktajy', 'gjkbyf', 'cfvjktn', 'nfnmzyf',
  'pfobnf', 'fylhtq', 'djdfyxbr', 'vfrcbvrf', 'rfnthbyf', 'ntcnbhjdfybt', 'gtxtymrf', 'rjvgm.nth',
  // Russian layout: keyboard rows and words
  'йцукен', 'йцукенг', 'йцукенгш', 'йцукенгшщ', 'йцукенгшщз', 'йцукенгшщзхъ', 'йцукен123', 'йцукен12',
  '123йцукен', 'фывапролд', 'фывапролдж', 'фывапролджэ', 'фыва1234', 'ячсмитьбю', 'ячсмить', 'йфяцычувс',
  'пароль', 'пароль1', 'пароль12', 'пароль123', 'пароль1234', 'парольпароль', 'мойпароль', 'новыйпароль',
  'привет', 'привет123', 'приветик', 'приветмир', 'любовь', 'любовь123', 'люблютебя', 'ялюблютебя',
  'солнышко', 'котенок', 'котёнок', 'кисуля', 'зайчик', 'зайка123', 'рыбка123', 'максим', 'максимка',
  'наташа', 'наташа123', 'александр', 'александра', 'владимир', 'дмитрий', 'сергей123', 'андрей123',
  'алексей', 'екатерина', 'анастасия', 'кристина', 'светлана', 'татьяна', 'марина123', 'ольга123',
  'елена123', 'ирина123', 'россия', 'россия123', 'москва', 'москва123', 'спартак', 'спартак123',
  'зенит123', 'компьютер', 'интернет', 'футбол123', 'защита', 'администратор', 'админ123', 'секрет123',
  'кошечка', 'собака123', 'ласточка', 'дракон123', 'шоколад', 'шоколадка', 'весна2024', 'лето2024',
  'прошлоелето', 'главбух', 'бухгалтер', 'бухгалтерия', 'директор', 'инженер', 'производство', 'завод123',
  // Seasons and years people rotate through
  'summer2023', 'summer2024', 'summer2025', 'summer2026', 'winter2023', 'winter2024', 'winter2025',
  'winter2026', 'spring2024', 'spring2025', 'spring2026', 'autumn2024', 'autumn2025', 'autumn2026',
  'password2023', 'password2024', 'password2025', 'password2026', 'qwerty2024', 'qwerty2025', 'qwerty2026',
  'podryad', 'podryad123', 'podryad2026', 'подряд', 'подряд123', 'субподряд', 'субконтрактация',
]

const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()))

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.trim().toLowerCase())
}
