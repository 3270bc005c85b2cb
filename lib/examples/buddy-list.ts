import type { FdoExample } from './types';

export const buddyList: FdoExample = {
  id: 'buddy-list',
  title: 'Buddy list',
  description: 'The buddy list window: who is online, with Send Message and Setup buttons.',
  source: `uni_start_stream <00x>
  man_start_object <ind_group, "Buddy List">
    mat_orientation <vff>
    mat_position <top_right>
    mat_bool_small_icon <yes>
    man_start_object <ornament, "">
      mat_font_size <9>
      man_append_data <"3 of 7 buddies online">
    man_start_sibling <sss_list, "">
      mat_size <20, 12, 0>
      mat_relative_tag <1>
      mat_bool_list_icons <yes>
      man_append_data <"Buddies (3/5)">
      man_append_data <"  river_otter">
      man_append_data <"  KiteFlyer88">
      man_append_data <"  jam_session">
      man_append_data <"Family (0/2)">
    man_start_sibling <org_group, "">
      mat_orientation <hcf>
      man_start_object <trigger, "Send Message">
        mat_art_id <1-0-1410>
        mat_trigger_style <picture>
        act_replace_select_action
            <
            uni_start_stream <00x>
            de_ez_send_list_text <"Im">
            >
        man_start_sibling <trigger, "Setup">
          mat_art_id <1-0-1411>
          mat_trigger_style <picture>
          act_replace_select_action
              <
              uni_start_stream <00x>
              sm_send_k1 <32-300>
              >
          man_end_object
        man_end_object
        man_update_display
      uni_end_stream <00x>
`,
};
