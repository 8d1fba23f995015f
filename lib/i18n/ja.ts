import type { Messages } from './en';

/** Every string the UI shows, in Japanese; typed as `Messages` so no key can go missing. */
export const ja: Messages = {
  app: {
    name: 'Bookstore',
    tagline: '名作を、SMS ひとつで。',
    skipToContent: '本文へスキップ',
    footer: 'パブリックドメインの名作を集めました。電話番号でサインインできます。',
  },
  nav: {
    label: 'メイン',
    books: '本',
    account: 'アカウント',
    language: '言語',
  },
  auth: {
    signIn: 'サインイン',
    signInWithLogto: 'Logto でサインイン',
    signOut: 'サインアウト',
    signingOut: 'サインアウトしています…',
  },
  signedOut: {
    localOnly:
      'Bookstore からサインアウトしました。サインインサービスに接続できなかったため、そちらのセッションは終了していません。共有の端末では、ブラウザを閉じてください。',
  },
  loading: {
    page: 'ページを読み込んでいます…',
    session: 'サインイン状態を確認しています…',
  },
  home: {
    title: 'ホーム',
    heading: '名作を読もう。サインインは電話番号で',
    lead: 'パスワードは不要です。SMS で届く 6 桁のコードを入力するだけでサインインできます。',
    signedInAs: (name: string) => `${name} としてサインイン中`,
    notSignedIn: 'サインインしていません。',
    browseBooks: '本を見る',
    usePhone: '電話番号でサインイン',
  },
  signIn: {
    title: 'サインイン',
    heading: '電話番号でサインイン',
    lead: 'SMS で 6 桁のコードをお送りします。初めての方も、同じコードでアカウントが作成されます。',
    country: '国・地域',
    phoneNumber: '電話番号',
    submit: 'コードを受け取る',
    submitting: 'サインイン画面へ移動しています…',
    withoutPhone: '電話番号を入力せずに続ける',
    or: 'または',
    alreadySignedIn: (name: string) => `${name} としてサインイン済みです。`,
    continue: '続ける',
    phoneErrors: {
      empty: '電話番号を入力してください。',
      too_short: '電話番号の桁数が足りません。すべての数字が入力されているか確認してください。',
      too_long: '電話番号の桁数が多すぎます。余分な数字がないか確認してください。',
      invalid_country: 'どの国の番号か判別できません。一覧から国・地域を選んでください。',
      invalid: (country: string) =>
        `${country}の携帯電話番号として正しくありません。コードをSMSで送るため、携帯電話番号を入力してください。番号を確認するか、別の国・地域を選んでください。`,
      country_not_allowed: (countries: string) =>
        `このアプリで使えるのは${countries}の番号だけです。その番号をお使いください。`,
    },
  },
  books: {
    title: '本',
    heading: '本の一覧',
    lead: '12 冊の名作を、お住まいの通貨で。',
    by: (author: string) => `${author} 著`,
    year: (year: number) => (year < 0 ? `紀元前 ${-year} 年` : `${year} 年`),
    pages: (pages: number) => `${pages} ページ`,
    details: (title: string) => `${title} の詳細`,
    back: '一覧に戻る',
    price: '価格',
  },
  account: {
    title: 'アカウント',
    heading: 'アカウント情報',
    name: '名前',
    noName: '未設定',
    phone: '電話番号',
    phoneNational: '国内表記',
    phoneInternational: '国際表記',
    noPhone: 'このアカウントには電話番号が登録されていません',
    changePhone: '電話番号を変更',
    verified: '確認済み',
    notVerified: '未確認',
    verification: '確認状況',
    userId: 'ユーザー ID',
    sessionExpires: 'セッションの有効期限',
  },
  sessionEnded: {
    heading: 'セッションが終了しました。もう一度サインインしてください',
    body: '安全のため、サインイン状態を維持できませんでした。もう一度サインインすると、このページに戻ります。',
    action: 'もう一度サインイン',
  },
  authError: {
    title: 'サインインの問題',
    tryAgain: 'もう一度試す',
    home: 'ホームへ戻る',
    codeLabel: (code: string) => `エラーコード: ${code}`,
    idTokenAlgMismatch: (used: string, expected: string, variable: string) =>
      `Logto はサインイントークンを ${used} で署名しましたが、このアプリは ${expected} のみを受け付けます。アプリの管理者は ${variable}=${used} を設定して再起動してください。`,
    codes: {
      Configuration: {
        title: 'サインインの設定に問題があります',
        whatToDo:
          'お客様の操作による問題ではありません。時間をおいて再度お試しください。解決しない場合はサポートまでご連絡ください。',
      },
      AccessDenied: {
        title: 'アクセスが拒否されました',
        whatToDo:
          '許可がキャンセルされたか、このアカウントではサインインできません。もう一度試すか、別の電話番号をお使いください。',
      },
      Verification: {
        title: 'このサインインリンクは無効です',
        whatToDo:
          '有効期限が切れているか、すでに使用されています。もう一度サインインしてください。',
      },
      OAuthSignin: {
        title: 'サインインを開始できませんでした',
        whatToDo:
          'サインインサービスから想定外の応答がありました。少し待ってからもう一度お試しください。',
      },
      OAuthCallback: {
        title: 'サインインを完了できませんでした',
        whatToDo:
          'サインインサービスからの応答を検証できなかったため、処理を中止しました。もう一度お試しください。解決しない場合はサポートまでご連絡ください。',
      },
      OAuthCreateAccount: {
        title: 'アカウントを作成できませんでした',
        whatToDo: 'アカウントの保存中に問題が発生しました。少し待ってからもう一度お試しください。',
      },
      EmailCreateAccount: {
        title: 'アカウントを作成できませんでした',
        whatToDo:
          'アカウントの保存中に問題が発生しました。少し待ってから再度お試しいただくか、電話番号でサインインしてください。',
      },
      Callback: {
        title: 'サインインが中断されました',
        whatToDo:
          'キャンセルされたか、時間がかかりすぎた可能性があります。何も変更されていませんので、もう一度お試しください。',
      },
      OAuthAccountNotLinked: {
        title: 'このアカウントは別の方法でサインインするよう設定されています',
        whatToDo: '最初にサインインしたときと同じ方法でサインインしてください。',
      },
      SessionRequired: {
        title: 'このページを見るにはサインインが必要です',
        whatToDo: 'サインインすると、見ようとしていたページに戻ります。',
      },
      Default: {
        title: 'サインイン中に問題が発生しました',
        whatToDo: 'もう一度お試しください。解決しない場合はサポートまでご連絡ください。',
      },
    },
  },
  notFound: {
    title: 'ページが見つかりません',
    heading: 'お探しのページが見つかりませんでした',
    body: 'リンクが古いか、その本は取り扱いを終了した可能性があります。',
    backToBooks: '一覧に戻る',
  },
};
