import { useMessages } from '@/lib/i18n';
import styles from './PageSkeleton.module.css';

/**
 * What a gated page shows while the client checks the session: a polite live region that
 * screen readers announce, and grey blocks shaped like the page that they skip.
 */
export function PageSkeleton() {
  const t = useMessages();
  return (
    <div className={styles.skeleton} role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{t.loading.page}</span>
      <div aria-hidden="true">
        <div className={`${styles.block} ${styles.heading}`} />
        <div className={`${styles.block} ${styles.line}`} />
        <div className={`${styles.block} ${styles.lineShort}`} />
        <div className={styles.grid}>
          <div className={`${styles.block} ${styles.card}`} />
          <div className={`${styles.block} ${styles.card}`} />
          <div className={`${styles.block} ${styles.card}`} />
        </div>
      </div>
    </div>
  );
}
